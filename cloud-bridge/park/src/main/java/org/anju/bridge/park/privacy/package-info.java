/**
 * Personal data as the park must keep it: {@link IdNumber} (a resident identity card number, its GB
 * 11643-1999 check digit caught at entry) and {@link PhoneNumber} (a mainland mobile), whose
 * {@code toString()} is always masked so neither reaches a log, and {@link FieldCipher},
 * AES-256-GCM at rest under a key from the configuration, bound to the row's id. A copied database
 * file alone reveals nothing, and no gateway ever receives either number.
 */
package org.anju.bridge.park.privacy;
