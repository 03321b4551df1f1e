package org.anju.bridge.uplink;

import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.anju.bridge.mqtt.CredentialSource;
import org.anju.bridge.mqtt.Outcome;

/**
 * What went wrong with the broker or the outbox, as one sentence a person can act on: the latest
 * is shown in the uplink's status; each distinct refusal is logged once at error level (a denied
 * publish repeats every few seconds), and again after a connection that worked.
 */
final class BrokerProblems {
    private static final System.Logger LOG = System.getLogger(GatewayUplink.class.getName());

    private final Set<String> logged = new HashSet<>();
    private volatile String last;
    /** The broker's latest refusal; kept until it takes a batch again (Paho drops a connection after one). */
    private volatile String refusal;

    void note(String problem) {
        last = problem;
    }

    String last() {
        String r = refusal;
        String l = last;
        return r == null || r.equals(l) ? l : l == null ? r : r + "; then " + l;
    }

    /** The broker refused something of ours and has taken no batch since. */
    boolean refusing() {
        return refusal != null;
    }

    /** The broker took a batch: whatever it refused before is settled. */
    void accepted() {
        if (refusal != null) {
            refusal = null;
            last = null;
        }
    }

    /** A connection came up: problems of the last one are history; a refusal is worth one more line. */
    void connected() {
        last = null;
        logged.clear();
    }

    void refusedPublish(String gateway, String topic, String user, Outcome outcome) {
        String problem = "the broker refused what the gateway published on " + topic + " from " + user + ": " + outcome.describe()
                + (outcome.code() == Outcome.NOT_AUTHORIZED ? "; check that the gateway's MQTT user name is its own"
                        + " (park.username, gateway " + gateway + ") and the broker's ACL lets it write its topics" : "");
        last = problem;
        refusal = problem;
        if (logged.add("publish " + topic + " " + outcome.code())) {
            LOG.log(Level.ERROR, problem);
        }
    }

    void refusedSubscription(String filter, String user, Outcome outcome) {
        String problem = "the broker refused the subscription to " + filter + " for " + user + ": " + outcome.describe()
                + "; receipts and commands cannot arrive: check the broker's ACL";
        last = problem;
        if (logged.add("subscribe " + filter)) {
            LOG.log(Level.ERROR, problem);
        }
    }

    void nobodySubscribes(String topic) {
        String problem = "the broker says nobody subscribes to " + topic + " (0x10): is the park's bridge connected"
                + " and subscribed with the right park id?";
        last = problem;
        if (logged.add("nobody " + topic)) {
            LOG.log(Level.WARNING, problem);
        }
    }

    /** "user gw-b07", or "anonymous", never the password. */
    String user(CredentialSource credentials, Map<String, String> environment) {
        if (credentials instanceof CredentialSource.PasswordFile f) {
            return "user " + f.username();
        }
        if (credentials instanceof CredentialSource.PasswordVariable v) {
            return "user " + v.username();
        }
        return "an anonymous client";
    }
}
