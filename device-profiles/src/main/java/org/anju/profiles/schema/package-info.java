/**
 * The keys files may hold, described once: a {@link Section} lists a mapping's {@link Field}s with
 * type, unit, default and meaning, and that description drives both {@link SectionReader} (unknown
 * keys with {@link Spelling}'s "did you mean", missing keys, types and ranges, all at once) and the
 * README's reference page, so the two cannot disagree. {@link Scalars} is the one scalar syntax
 * (hex, durations with units, never octal); {@link Origins} keeps where each record was written, so
 * the model has no positions. A record is built only from a reader that did not fail.
 */
package org.anju.profiles.schema;
