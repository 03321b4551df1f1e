package org.anju.bridge.park.api;

import java.time.Duration;

import org.anju.bridge.access.AttemptLimiter;
import org.anju.bridge.access.SignInThrottle;
import org.anju.bridge.http.ClientAddress;
import org.anju.bridge.park.auth.HashPool;
import org.anju.bridge.park.auth.PasswordHasher;
import org.anju.bridge.park.auth.Sessions;
import org.anju.bridge.park.buildings.BuildingDirectory;
import org.anju.bridge.park.command.CommandSender;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.privacy.FieldCipher;
import org.anju.bridge.park.roster.RosterSync;
import org.anju.bridge.park.store.IngestStore;
import org.anju.bridge.park.store.InvitationStore;
import org.anju.bridge.park.store.ParkDatabase;
import org.anju.bridge.park.store.PeopleStore;
import org.anju.bridge.park.store.SessionStore;

/**
 * What the routes work with; one per bridge. {@code tokens} are the signed-in sessions;
 * {@code signIns} slows wrong passwords per (login, client address) and limits tries per address
 * (see {@link SignInThrottle}), and {@code hashes} runs the slow hash on a bounded, prioritised
 * queue, so a flood can neither lock a person out nor delay them by more than one hash;
 * {@code doorOpens} limits a tenant's opens ({@code http.doorOpensPerMinute}, 10 by default: a
 * burst of as many, then one every 6 s, more than anyone at a door needs); {@code clients} says
 * who the client is (behind a trusted reverse proxy too); {@code buildings} is the park's directory of
 * buildings, the one place every route reads a building from.
 */
record ApiContext(ParkConfig config, ParkDatabase db, IngestStore ingest, PeopleStore people, CommandSender commands,
                  RosterSync roster, Sessions tokens, PasswordHasher hasher, FieldCipher cipher,
                  byte[] offlinePinSecret, PassIssuer passes, SignInThrottle signIns, AttemptLimiter doorOpens,
                  SessionStore sessions, InvitationStore invitations, HashPool hashes, ClientAddress clients,
                  BuildingDirectory buildings) {

    ApiContext(ParkConfig config, ParkDatabase db, IngestStore ingest, PeopleStore people, CommandSender commands,
               RosterSync roster, Sessions tokens, PasswordHasher hasher, FieldCipher cipher,
               byte[] offlinePinSecret, PassIssuer passes, HashPool hashes, BuildingDirectory buildings) {
        this(config, db, ingest, people, commands, roster, tokens, hasher, cipher, offlinePinSecret, passes,
                SignInThrottle.standard(),
                AttemptLimiter.of(config == null ? ParkConfig.Http.DEFAULT_DOOR_OPENS_PER_MINUTE : config.http().doorOpensPerMinute(),
                        Duration.ofMinutes(1)),
                new SessionStore(db), new InvitationStore(db), hashes,
                new ClientAddress(config == null ? java.util.List.of() : config.http().trustedProxies()), buildings);
    }

    /** Registrations and card changes, with the checks that keep one card to one renter and one person to one lease. */
    org.anju.bridge.park.store.LeaseChanges leases() {
        return new org.anju.bridge.park.store.LeaseChanges(db);
    }
}
