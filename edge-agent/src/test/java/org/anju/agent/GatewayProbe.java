package org.anju.agent;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.anju.agent.command.CommandApi;
import org.anju.agent.store.OutboxEvent;
import org.anju.protocol.wiegand.WiegandCodec;
import org.anju.protocol.wiegand.WiegandFormat;
import org.anju.protocol.wiegand.WiegandResult;

import io.vertx.core.json.JsonObject;

/** What the gateway tests do to a running gateway and read back from it, written once. */
final class GatewayProbe {
    private GatewayProbe() {
    }

    /** Every event in the gateway's outbox, oldest first. */
    static List<OutboxEvent> events(Gateway gateway) {
        return gateway.outbox().after(0, 100_000).join();
    }

    static boolean hasEvent(Gateway gateway, String type, String contains) {
        return events(gateway).stream().anyMatch(e -> e.type().equals(type) && e.payload().contains(contains));
    }

    /** A command as the local API and the park hand it over, answered within 20 s (a sleeping lock takes its time). */
    static JsonObject command(Gateway gateway, JsonObject body) throws Exception {
        return gateway.vertx().eventBus().<JsonObject>request(CommandApi.ADDRESS, body)
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS).body();
    }

    /** A 26-bit card swiped at the reader on {@code d0}/{@code d1}: each bit a short low pulse. */
    static void swipe(Gateway gateway, int d0, int d1, int facility, int number) {
        boolean[] bits = WiegandCodec.encode(new WiegandResult.Card(WiegandFormat.H10301, facility, number));
        for (boolean bit : bits) {
            int pin = bit ? d1 : d0;
            gateway.gpioSimulator().orElseThrow().driveInput(pin, false);
            gateway.gpioSimulator().orElseThrow().driveInput(pin, true);
        }
    }
}
