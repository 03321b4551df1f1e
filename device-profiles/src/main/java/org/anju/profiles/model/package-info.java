/**
 * The records the agent is built from, free of YAML positions: a {@link Profile} per kind of device
 * ({@link ProfileKind}) and the {@link Site}, with its buses, doors, alarm inputs, charging areas,
 * park link and endpoints, profiles resolved. {@link RegisterRoles} fixes the units safety rules
 * compare, so a kW meter is described by a scale instead of taught to a rule. A model exists only
 * for a file with no problem, and holds no secret, only where to read one: site files are copied,
 * mailed and committed.
 */
package org.anju.profiles.model;
