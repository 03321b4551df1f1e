package org.anju.profiles.reading;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What a pile reported for itself in one poll: the temperature inside it, its smoke input and its
 * alarm bits, each empty when the profile maps no such register or the poll did not read it.
 *
 * @param unreadable values that were read but are not values, each with the reason
 */
public record PileValues(OptionalDouble temperatureC, Optional<Boolean> smoke, OptionalInt alarmBits,
                         List<String> unreadable) {

    public PileValues {
        unreadable = List.copyOf(unreadable);
    }
}
