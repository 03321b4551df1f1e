package org.anju.agent.lift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.anju.agent.bus.ModbusClient;
import org.anju.agent.bus.RegisterSnapshot;
import org.anju.agent.control.ModbusAnswers;
import org.anju.agent.control.LockResult;
import org.anju.protocol.modbus.ModbusPdu;
import org.anju.protocol.modbus.RegisterSpec;

/**
 * A lift's floor buttons on their relay boards: each floor a coil of a relay board on a bus. An
 * image (the floors that work) is written per board in as few exchanges as its coils allow: one
 * write of several coils for each run of adjacent channels the lift owns (a board may also switch
 * other things on its other channels, which are never touched).
 */
final class LiftBoard {
    /** Where a floor's button relay is: its board's client and unit, and the coil. */
    record Output(String device, ModbusClient client, int unit, RegisterSpec coil) {
    }

    private final Map<String, Output> outputs;

    LiftBoard(Map<String, Output> outputs) {
        this.outputs = new LinkedHashMap<>(outputs);
    }

    CompletionStage<LockResult> apply(Set<String> enabled) {
        List<CompletableFuture<LockResult>> writes = new ArrayList<>();
        Map<String, List<Map.Entry<String, Output>>> byDevice = new LinkedHashMap<>();
        outputs.entrySet().forEach(e -> byDevice.computeIfAbsent(e.getValue().device(), k -> new ArrayList<>()).add(e));
        for (List<Map.Entry<String, Output>> floors : byDevice.values()) {
            floors.sort(Comparator.comparingInt(e -> e.getValue().coil().address()));
            List<Map.Entry<String, Output>> run = new ArrayList<>();
            for (Map.Entry<String, Output> f : floors) {
                if (!run.isEmpty() && f.getValue().coil().address() != run.get(run.size() - 1).getValue().coil().address() + 1) {
                    writes.add(write(run, enabled));
                    run = new ArrayList<>();
                }
                run.add(f);
            }
            writes.add(write(run, enabled));
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(done -> writes.stream()
                .map(CompletableFuture::join).filter(r -> !(r instanceof LockResult.Done)).findFirst()
                .orElse(new LockResult.Done(true)));
    }

    private static CompletableFuture<LockResult> write(List<Map.Entry<String, Output>> run, Set<String> enabled) {
        Output first = run.get(0).getValue();
        ModbusPdu.Request request = run.size() == 1
                ? new ModbusPdu.WriteSingleCoil(first.coil().address(), enabled.contains(run.get(0).getKey()))
                : new ModbusPdu.WriteMultipleCoils(first.coil().address(), run.stream().map(e -> enabled.contains(e.getKey())).toList());
        return first.client().command(first.unit(), request).thenApply(outcome -> ModbusAnswers.of("lift board " + first.device(), outcome));
    }

    /** The floors of {@code snapshot}'s board, each with whether its button works; empty if it is none of this lift's. */
    Optional<Map<String, Boolean>> read(RegisterSnapshot snapshot) {
        Map<String, Boolean> floors = new LinkedHashMap<>();
        for (Map.Entry<String, Output> e : outputs.entrySet()) {
            if (e.getValue().device().equals(snapshot.device())) {
                Optional<Boolean> bit = snapshot.bit(e.getValue().coil());
                if (bit.isEmpty()) {
                    return Optional.empty(); // the profile's read does not cover this coil
                }
                floors.put(e.getKey(), bit.get());
            }
        }
        return floors.isEmpty() ? Optional.empty() : Optional.of(floors);
    }
}
