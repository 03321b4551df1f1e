package org.anju.agent;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.anju.bridge.contract.CommandCompletion;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.GatewayState;
import org.anju.bridge.testing.ParkClient;

/** What a test park hears of a site deployment: the gateway's births naming what it runs, and the deployment's outcome. */
final class ParkSees {
    private ParkSees() {
    }

    /** Waits until the gateway's latest birth names {@code digest} as the configuration it runs. */
    static void birthNaming(ParkClient park, String digest, Duration within) {
        await().atMost(within).until(() -> {
            List<GatewayState> states = park.states();
            return !states.isEmpty() && states.get(states.size() - 1) instanceof GatewayState.Birth b
                    && digest.equals(b.config());
        });
    }

    /** The {@code command.completed} the park stored for {@code requestId}, or null. */
    static CommandCompletion completion(ParkClient park, String requestId) {
        for (EventBatch.Event e : park.ledger().arrivalOrder()) {
            if (e.type().equals(CommandCompletion.TYPE)) {
                CommandCompletion c;
                try {
                    c = ContractJson.mapper().readValue(e.payload(), CommandCompletion.class);
                } catch (java.io.IOException bad) {
                    throw new AssertionError("a completion the contract does not read: " + e.payload(), bad);
                }
                if (c.requestId().equals(requestId)) {
                    return c;
                }
            }
        }
        return null;
    }
}
