/**
 * Who a person is to the park ({@link Role}: tenant, landlord, fire safety officer, administrator).
 * Every endpoint names the roles it serves and checks the scope within, and a role sets how long a
 * session lives. A package of its own so the API, the sign-in code and the store share it without a
 * cycle between them.
 */
package org.anju.bridge.park.people;
