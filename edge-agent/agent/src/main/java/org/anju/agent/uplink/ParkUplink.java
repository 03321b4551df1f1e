package org.anju.agent.uplink;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.anju.agent.access.RosterService;
import org.anju.agent.event.EventLog;
import org.anju.agent.store.Outbox;
import org.anju.bridge.command.CommandChannel;
import org.anju.bridge.command.CommandVerifier;
import org.anju.bridge.command.FileNonceStore;
import org.anju.bridge.command.NonceCache;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.Topics;
import org.anju.bridge.mqtt.MqttConnector;
import org.anju.bridge.mqtt.CredentialSource;
import org.anju.bridge.uplink.FileSessionSequence;
import org.anju.bridge.uplink.GatewayUplink;
import org.anju.bridge.mqtt.TlsSettings;
import org.anju.bridge.uplink.UplinkConfig;
import org.anju.bridge.uplink.UplinkStatus;
import org.anju.profiles.model.ParkLink;
import org.anju.profiles.model.Site;

import io.vertx.core.Vertx;

/**
 * The gateway's link to the park, made from the site file's {@code park} section: the uplink
 * drains the outbox (woken by every commit), and, when the site names the park's command keys,
 * signed commands reach the doors, the chargers and the roster. The uplink runs on its own thread
 * and retries forever; nothing in the building waits for it.
 */
public final class ParkUplink implements AutoCloseable {
    /** What the link keeps in the gateway's data folder. */
    static final String SESSION_FILE = "uplink-session";
    static final String NONCE_FILE = "command-nonces";
    private static final int NONCES_KEPT = 100_000;

    public sealed interface Start {
        record Started(ParkUplink link) implements Start {
        }

        record Failed(String reason) implements Start {
        }
    }

    private final GatewayUplink uplink;
    private final CommandChannel commands;
    private final FileNonceStore nonces;

    private ParkUplink(GatewayUplink uplink, CommandChannel commands, FileNonceStore nonces) {
        this.uplink = uplink;
        this.commands = commands;
        this.nonces = nonces;
    }

    /**
     * Starts the link; a problem in the site's park section or its files is a {@link Start.Failed} naming it.
     * {@code parkTime} is told the park's time of every verified command (its {@code issuedAt}); {@code status}
     * says how the gateway is, published every {@code park.statusEvery} and within seconds of a bus or device
     * going down or coming back (looked at every second, in memory).
     */
    public static Start start(Site site, Path dataDir, Outbox outbox, RosterService roster, EventLog events,
                              Vertx vertx, Clock clock, String software,
                              java.util.function.Consumer<java.time.Instant> parkTime, GatewayStatusSource status) {
        return start(site, dataDir, outbox, roster, events, vertx, clock, software, parkTime, status,
                org.anju.agent.site.SiteChanges.NONE);
    }

    /** As above; the park's {@code site.apply} commands go to {@code siteChanges}. */
    public static Start start(Site site, Path dataDir, Outbox outbox, RosterService roster, EventLog events,
                              Vertx vertx, Clock clock, String software,
                              java.util.function.Consumer<java.time.Instant> parkTime, GatewayStatusSource status,
                              org.anju.agent.site.SiteChanges siteChanges) {
        ParkLink park = site.park();
        Topics topics;
        try {
            topics = new Topics(park.parkId(), site.gateway().id());
        } catch (IllegalArgumentException e) {
            return new Start.Failed("park.id and gateway.id name the MQTT topics: " + e.getMessage());
        }
        UplinkConfig config = UplinkConfig.of(park.broker().toString(), topics, software)
                .withClientId(park.clientId())
                .withCredentials(credentials(park));
        config = config.withDrain(config.drain().withRate(park.drainRate()));
        if ("ssl".equals(park.broker().getScheme())) {
            config = config.withTls(new TlsSettings(park.caFile().orElse(null),
                    park.clientCertificate().map(ParkLink.ClientCertificate::certFile).orElse(null),
                    park.clientCertificate().map(ParkLink.ClientCertificate::keyFile).orElse(null)));
        }
        java.security.KeyPair identity;
        try {
            identity = GatewayIdentity.load(dataDir);
        } catch (IOException e) {
            return new Start.Failed("the gateway's signing key in " + dataDir + ": " + e.getMessage());
        }
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (ParkLink.CommandKey key : park.commandKeys()) {
            try {
                keys.put(key.id(), Ed25519Keys.readPublic(key.file()));
            } catch (IllegalArgumentException e) {
                return new Start.Failed("park.commandKeys " + key.id() + ": " + e.getMessage());
            }
        }
        CommandChannel commands = null;
        FileNonceStore nonces = null;
        if (!keys.isEmpty()) {
            nonces = new FileNonceStore(dataDir.resolve(NONCE_FILE));
            try {
                NonceCache cache = new NonceCache(nonces, NONCES_KEPT, clock);
                CommandVerifier verifier = new CommandVerifier(CommandVerifier.Settings.of(topics, keys), cache, clock);
                commands = new CommandChannel(verifier, new ParkCommands(vertx, roster, events, parkTime, siteChanges), clock);
            } catch (IOException | IllegalArgumentException e) {
                close(null, nonces);
                return new Start.Failed("cannot read the command nonces in " + dataDir.resolve(NONCE_FILE) + ": "
                        + e.getMessage());
            }
        }
        GatewayUplink.Builder builder = GatewayUplink.builder(config)
                .outbox(new OutboxFeed(outbox))
                .sessions(new FileSessionSequence(dataDir.resolve(SESSION_FILE), clock))
                .identity(identity)
                .parkKeys(keys)
                .connector(MqttConnector.forProtocol(park.protocol()))
                .rosterVersion(roster::version)
                .status(status, park.statusEvery())
                .configVersion(site.configVersion())
                .clock(clock);
        if (commands != null) {
            builder.commands(commands);
        }
        GatewayUplink uplink;
        try {
            uplink = builder.start();
        } catch (IllegalArgumentException e) {
            close(commands, nonces);
            return new Start.Failed("park.broker: " + e.getMessage());
        }
        outbox.onCommitted(priority -> uplink.wake(priority));
        BacklogProgress.watch(vertx, outbox, java.time.Duration.ofMinutes(1));
        ParkConfirmation.watch(vertx, uplink::status, events, 5_000);
        watchStatus(vertx, status, uplink);
        return new Start.Started(new ParkUplink(uplink, commands, nonces));
    }

    /** Tells the uplink when which lines are down or which devices do not answer changed since it last looked. */
    private static void watchStatus(Vertx vertx, GatewayStatusSource status, GatewayUplink uplink) {
        String[] last = {status.shape()};
        vertx.setPeriodic(STATUS_LOOK_MILLIS, t -> {
            String now = status.shape();
            if (!now.equals(last[0])) {
                last[0] = now;
                uplink.statusChanged();
            }
        });
    }

    /** How often the buses' health is compared with the status last sent. */
    private static final long STATUS_LOOK_MILLIS = 1_000;

    static CredentialSource credentials(ParkLink park) {
        if (park.username().isEmpty() || park.password().isEmpty()) {
            return new CredentialSource.None();
        }
        ParkLink.Credential password = park.password().get();
        return password instanceof ParkLink.FromFile file
                ? new CredentialSource.PasswordFile(park.username().get(), file.path())
                : new CredentialSource.PasswordVariable(park.username().get(),
                        ((ParkLink.FromEnvironment) password).variable());
    }

    public UplinkStatus status() {
        return uplink.status();
    }

    /** Whether commands from the park are accepted (the site names at least one park key). */
    public boolean acceptsCommands() {
        return commands != null;
    }

    /** Sends what is in flight, says goodbye (a clean death) and stops. */
    @Override
    public void close() {
        uplink.close();
        closeCommands();
    }

    /** Drops the connection the way a crash does: the broker publishes the will. */
    public void abort() {
        uplink.abort();
        closeCommands();
    }

    private void closeCommands() {
        close(commands, nonces);
    }

    /** Closes the command channel and its nonce file (either may be absent), also when the link never started. */
    private static void close(CommandChannel commands, FileNonceStore nonces) {
        if (commands != null) {
            commands.close();
        }
        if (nonces != null) {
            try {
                nonces.close();
            } catch (IOException ignored) {
                // every nonce was forced to disk when it was recorded
            }
        }
    }
}
