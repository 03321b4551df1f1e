package org.anju.profiles.model;

import java.util.Set;

import org.anju.protocol.modbus.RegisterTable;

/**
 * What a named register in a profile is for, and what it must be for the agent to use it: which
 * Modbus tables can hold it and which unit its scaled value must be in (empty: any).
 */
public record RegisterRole(String key, Set<RegisterTable> tables, Set<String> units, boolean required, String meaning) {

    public RegisterRole {
        tables = Set.copyOf(tables);
        units = Set.copyOf(units);
    }
}
