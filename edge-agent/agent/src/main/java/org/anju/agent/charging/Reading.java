package org.anju.agent.charging;

import java.time.Instant;

/**
 * Something the gateway observed, with the time it observed it. Every rule firing carries the
 * reading that caused it, so an event can say "cut at 1,140 W" and not just "cut".
 * Time comes in with the reading; nothing in the charging or safety packages reads a clock.
 */
@com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.SIMPLE_NAME,
        property = "reading")
@com.fasterxml.jackson.annotation.JsonSubTypes({
    @com.fasterxml.jackson.annotation.JsonSubTypes.Type(PortReading.class),
    @com.fasterxml.jackson.annotation.JsonSubTypes.Type(PileReading.class),
    @com.fasterxml.jackson.annotation.JsonSubTypes.Type(FireInput.class),
    @com.fasterxml.jackson.annotation.JsonSubTypes.Type(Request.class)})
public sealed interface Reading permits PortReading, PileReading, FireInput, Request {

    Instant at();

    /** Who the reading is about, as alarms and events name it: {@code pile-1/3}, {@code pile-1}, {@code area:A}. */
    String source();
}
