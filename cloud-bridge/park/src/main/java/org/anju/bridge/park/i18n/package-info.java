/**
 * The park's words: one catalog of every text a person reads, Chinese first, English second,
 * shared by the API's answers and the pages.
 */
package org.anju.bridge.park.i18n;
