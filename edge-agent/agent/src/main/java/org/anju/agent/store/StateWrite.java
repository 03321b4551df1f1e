package org.anju.agent.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A change to the gateway's own records that must be committed with the event that reports it
 * (a charging session with its start, an alarm with its raising), so a crash between the two can
 * never leave a session the park was not told of, or a report of one the gateway forgot.
 */
@FunctionalInterface
public interface StateWrite {
    StateWrite NONE = c -> { };

    void write(Connection c) throws SQLException;
}
