/**
 * Device profiles and site files: declarative models of devices and of what is wired where in one
 * building, read and checked before anything runs. Here only {@link Problem} (where, what is wrong,
 * what would be right; lines and columns from 1, as editors count, at a {@link Location}) and {@link Problems}, which
 * gathers every problem of a file so all are reported at once. The sub-packages read ({@code yaml},
 * {@code schema}, {@code load}), model, check ({@code validate}) and decode ({@code reading}); none
 * imports the reference firmware ({@code ProfilesArchitectureTest}).
 */
package org.anju.profiles;
