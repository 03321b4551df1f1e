/**
 * The payloads of the building events the gateway reports and the park reads: lift access and
 * fire release, gate passages with the count they lead to, and the roll of who is inside, sent
 * only while a fire alarm is active. Records checked on construction ({@link org.anju.bridge.events.Fields});
 * their schemas are in the contract. Renters are named by opaque ids only.
 */
package org.anju.bridge.events;
