/**
 * {@code park.yaml} read into a {@link ParkConfig}: {@link ParkConfigLoader} names the file, the
 * key's path and what would be right for every problem, resolves relative paths against the file's
 * folder, and opens or creates nothing. {@link ParkYamlKeys} is the one list of keys, the loader's
 * and INSTALL.md's reference alike, so the two cannot drift. Secrets are never in the file, only
 * the files that hold them.
 */
package org.anju.bridge.park.config;
