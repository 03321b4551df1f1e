/**
 * Reads profiles and site files into the model: {@link ProfileCatalog} (the jar's profiles, found
 * by {@link ShippedFiles}, extended and overridden by an installer's folder), {@link ProfileReader}
 * (one file, its {@code kind} picking the section) and {@link SiteLoader}, run alike by
 * {@code profiles validate} and the agent's start-up so both report the same problems in the same
 * words. A {@link LoadResult} carries a site only when nothing is wrong, so nothing half-read
 * reaches the agent. {@link Reference} renders the README's key reference from the same sections.
 */
package org.anju.profiles.load;
