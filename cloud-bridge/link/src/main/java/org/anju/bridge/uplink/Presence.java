package org.anju.bridge.uplink;

import java.security.PrivateKey;
import java.security.PublicKey;

import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Decoded;
import org.anju.bridge.contract.GatewayState;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.contract.Topics;

/**
 * Birth and death on the gateway's retained state topic, signed with the gateway's key. A death
 * is the connection's will, written at connect; the birth follows the connect. A stale death (an
 * older session the broker noticed late) seen after our birth is answered with the birth again,
 * at most every 10 s, so the retained state does not stay wrong; a newer session than ours means
 * another process runs as this gateway.
 */
final class Presence {
    private static final long REBIRTH_NANOS = 10_000_000_000L;

    /** What to do about a state message seen on our own topic. */
    sealed interface Seen {
        record Nothing() implements Seen {
        }

        record Rebirth() implements Seen {
        }

        record Impostor(String problem) implements Seen {
        }
    }

    private final Topics topics;
    private final String software;
    private final String config;
    private final PrivateKey key;
    private final PublicKey publicKey;
    private long lastRebirth = Long.MIN_VALUE / 2;

    Presence(Topics topics, String software, String config, PrivateKey key, PublicKey publicKey) {
        this.topics = topics;
        this.software = software;
        this.config = config;
        this.key = key;
        this.publicKey = publicKey;
    }

    byte[] birth(long session, long ts, long rosterVersion) {
        return SignedJson.sign(SignedJson.GATEWAY, GatewayState.Birth.of(topics, session, ts, software, rosterVersion, config), key);
    }

    byte[] death(long session, GatewayState.Cause cause) {
        return SignedJson.sign(SignedJson.GATEWAY, GatewayState.Death.of(topics, session, cause), key);
    }

    Seen seen(byte[] payload, boolean retained, long session, long now) {
        if (!(SignedJson.open(SignedJson.GATEWAY, payload, publicKey) instanceof SignedJson.Opened.Valid valid)) {
            return new Seen.Nothing(); // not signed by this gateway: nobody believes it, nothing to answer
        }
        if (!(ContractJson.decode(valid.json(), GatewayState.class) instanceof Decoded.Ok<GatewayState> ok)
                || ok.value().session() == session) {
            return new Seen.Nothing();
        }
        GatewayState state = ok.value();
        if (state.session() > session) {
            return new Seen.Impostor("the state topic shows session " + state.session() + ", above this connection's "
                    + session + ": is another process running as gateway " + topics.gateway() + "?");
        }
        if (retained || !(state instanceof GatewayState.Death) || now - lastRebirth < REBIRTH_NANOS) {
            return new Seen.Nothing(); // the state found on subscribing: our birth, published after it, replaces it
        }
        lastRebirth = now;
        return new Seen.Rebirth();
    }
}
