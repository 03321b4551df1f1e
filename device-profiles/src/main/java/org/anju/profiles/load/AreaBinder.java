package org.anju.profiles.load;

import java.util.List;
import java.util.Optional;

import org.anju.profiles.model.AlarmInput;
import org.anju.profiles.model.ChargingArea;
import org.anju.profiles.model.GpioInput;
import org.anju.profiles.model.SafetyOverride;
import org.anju.profiles.schema.SectionReader;
import org.anju.profiles.validate.Broken;

/** Binds {@code alarmInputs[]} and {@code chargingAreas[]}. */
final class AreaBinder {
    private final Broken broken;

    AreaBinder(Broken broken) {
        this.broken = broken;
    }

    Optional<AlarmInput> alarmInput(SectionReader r) {
        Optional<GpioInput> input = GpioSections.input(r);
        if (r.failed() || input.isEmpty()) {
            r.textAsWritten("id").ifPresent(broken.alarmInputs()::add);
            return Optional.empty();
        }
        return Optional.of(r.remember(new AlarmInput(r.text("id"), r.choice("kind", AlarmInput.Kind.class), input.get())));
    }

    Optional<ChargingArea> area(SectionReader r) {
        List<ChargingArea.MeteredPort> metered = r.items("meteredPorts", SiteSections.METERED_PORT, m -> m.failed() ? Optional.empty()
                : Optional.of(m.remember(new ChargingArea.MeteredPort(m.text("meter"), m.text("relay"), m.integer("channel")))));
        List<ChargingArea.Feeder> feeders = r.items("feeders", SiteSections.FEEDER, f -> f.failed() ? Optional.empty()
                : Optional.of(f.remember(new ChargingArea.Feeder(f.text("pile"), f.text("relay"), f.integer("channel")))));
        Optional<ChargingArea.FireResponse> fire = r.child("onFireAlarm", SiteSections.FIRE, AreaBinder::fire);
        Optional<SafetyOverride> limits = r.child("safetyLimits", LimitSections.SAFETY_OVERRIDE, LimitSections::override);
        if (r.failed()) {
            return Optional.empty();
        }
        String id = r.text("id");
        ChargingArea.FireResponse response = fire.orElse(new ChargingArea.FireResponse(ChargingArea.FireResponse.Cut.SITE, List.of(),
                ChargingArea.FireResponse.Restore.MANUAL));
        return Optional.of(r.remember(new ChargingArea(id, r.optional("name", String.class).orElse(id), r.list("piles", String.class),
                metered, feeders, r.list("alarmInputs", String.class), response, limits.orElse(SafetyOverride.NONE))));
    }

    private static Optional<ChargingArea.FireResponse> fire(SectionReader f) {
        if (f.failed()) {
            return Optional.empty();
        }
        return Optional.of(f.remember(new ChargingArea.FireResponse(f.choice("cut", ChargingArea.FireResponse.Cut.class),
                f.list("release", String.class), f.choice("restore", ChargingArea.FireResponse.Restore.class))));
    }
}
