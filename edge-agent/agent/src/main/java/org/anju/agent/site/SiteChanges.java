package org.anju.agent.site;

import org.anju.bridge.command.CommandOutcome;
import org.anju.bridge.contract.CommandBody;

/** Where a park's {@code site.apply} goes. Blocking (files): call it off the event loop. */
@FunctionalInterface
public interface SiteChanges {
    /**
     * Validates and, if the file is good, writes it and asks for a restart with it: {@code PENDING}
     * (a {@code command.completed} event follows), {@code UNCHANGED} for the file already run, or
     * {@code FAILED} with the problems by line and nothing changed.
     */
    CommandOutcome apply(String requestId, CommandBody.SiteApply body);

    /**
     * The reply to {@code requestId} is on its way to the park: a file that {@link #apply} wrote is
     * restarted with now, not before, since the restart closes the connection the reply goes out on.
     */
    default void replied(String requestId) {
    }

    /** A gateway started without a site file it may replace (tests, the demo). */
    SiteChanges NONE = (requestId, body) -> CommandOutcome.failed("this gateway runs a site it was handed, not a file it may replace");
}
