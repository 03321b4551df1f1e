/**
 * {@code anju profiles validate [PATH...]}: checks profiles and site files before anything runs.
 * {@link FileKind} tells a profile (it has a {@code kind}) from a site file (it has a
 * {@code gateway}) by what it says, not its name; {@link ProfilesCommand} prints {@code OK FILE}
 * per valid file and one {@code FILE:LINE:COL: what is wrong; what would be right} line per
 * problem, exit 0, 1, 2 (a wrong argument) or 3 (a bug). It runs the same loader as the agent's
 * start-up.
 */
package org.anju.profiles.cli;
