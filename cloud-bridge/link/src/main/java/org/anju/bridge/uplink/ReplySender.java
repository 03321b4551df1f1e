package org.anju.bridge.uplink;

import java.lang.System.Logger.Level;
import java.security.PrivateKey;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.anju.bridge.contract.CommandReply;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.mqtt.MqttSession;

/**
 * Command replies, signed with the gateway's key and published on the live connection with a
 * short message expiry. Not queued: a reply to "open the door" is worthless a minute later, and
 * what the gateway did is in its events either way.
 */
final class ReplySender implements Consumer<CommandReply> {
    private static final System.Logger LOG = System.getLogger(GatewayUplink.class.getName());

    private final Topics topics;
    private final PrivateKey key;
    private final Supplier<MqttSession> online;
    private final long expirySeconds;

    ReplySender(Topics topics, PrivateKey key, Supplier<MqttSession> online, long expirySeconds) {
        this.topics = topics;
        this.key = key;
        this.online = online;
        this.expirySeconds = expirySeconds;
    }

    @Override
    public void accept(CommandReply reply) {
        MqttSession session = online.get();
        if (session == null) {
            LOG.log(Level.INFO, "reply to command {0} ({1}) dropped: not connected", reply.requestId(), reply.result());
            return;
        }
        session.publish(topics.replies(), SignedJson.sign(SignedJson.GATEWAY, reply, key), false, expirySeconds)
                .whenComplete((outcome, failure) -> {
                    if (failure != null || !outcome.accepted()) {
                        LOG.log(Level.WARNING, "reply to command {0} not taken by the broker: {1}", reply.requestId(),
                                failure != null ? failure.getMessage() : outcome.describe());
                    }
                });
    }
}
