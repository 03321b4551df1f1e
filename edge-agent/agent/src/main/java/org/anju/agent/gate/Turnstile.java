package org.anju.agent.gate;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.anju.agent.bus.ModbusClient;
import org.anju.agent.bus.RegisterSnapshot;
import org.anju.agent.control.ModbusAnswers;
import org.anju.agent.control.LockResult;
import org.anju.profiles.model.TurnstileProfile;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterSpec;

/** A turnstile lane on its bus, driven by its profile's registers: open each way, hold free, read the counters. */
final class Turnstile {
    private final String device;
    private final ModbusClient client;
    private final int unit;
    private final TurnstileProfile profile;

    Turnstile(String device, ModbusClient client, int unit, TurnstileProfile profile) {
        this.device = device;
        this.client = client;
        this.unit = unit;
        this.profile = profile;
    }

    /**
     * Sent once: the lane remembers each open ("memory passage"), so an open repeated because its
     * reply was lost would let a second person through on one card.
     */
    CompletionStage<LockResult> open(GateController.Way way) {
        RegisterSpec coil = profile.register(way == GateController.Way.IN ? "openEntry" : "openExit").orElseThrow();
        return client.commandOnce(unit, new ModbusPdu.WriteSingleCoil(coil.address(), true))
                .thenApply(outcome -> ModbusAnswers.of("turnstile " + device, outcome));
    }

    /** Without a free coil the lane's own fire input frees it; there is nothing to write. */
    CompletionStage<LockResult> free(boolean on) {
        return profile.register("free").map(coil -> write(coil, on))
                .orElse(CompletableFuture.completedFuture(new LockResult.Done(false)));
    }

    private CompletionStage<LockResult> write(RegisterSpec coil, boolean on) {
        return client.command(unit, new ModbusPdu.WriteSingleCoil(coil.address(), on))
                .thenApply(outcome -> ModbusAnswers.of("turnstile " + device, outcome));
    }

    /** The counters in {@code snapshot} if it is this lane's poll. */
    Optional<int[]> counts(RegisterSnapshot snapshot) {
        if (!snapshot.device().equals(device)) {
            return Optional.empty();
        }
        Optional<Double> in = snapshot.value(profile.register("entries").orElseThrow());
        Optional<Double> out = snapshot.value(profile.register("exits").orElseThrow());
        return in.isPresent() && out.isPresent() ? Optional.of(new int[] {in.get().intValue() & 0xFFFF, out.get().intValue() & 0xFFFF})
                : Optional.empty();
    }
}
