package org.anju.bridge.park.api;

import java.time.Duration;

import org.anju.bridge.access.AttemptLimiter;

import org.anju.bridge.park.auth.PasswordHasher;
import org.anju.bridge.park.auth.SessionTokens;
import org.anju.bridge.park.command.CommandSender;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.privacy.FieldCipher;
import org.anju.bridge.park.roster.RosterSync;
import org.anju.bridge.park.store.IngestStore;
import org.anju.bridge.park.store.ParkDatabase;
import org.anju.bridge.park.store.PeopleStore;

/**
 * What the routes work with; one per bridge. {@code signIns} limits sign-in attempts per login
 * (5 per 15 minutes, cleared by a success: guessing a password takes years, a mistyped one is
 * unnoticed, and the slow hash cannot be turned into a flood); {@code doorOpens} limits a
 * tenant's opens ({@code http.doorOpensPerMinute}, 10 by default: a burst of as many, then one
 * every 6 s, more than anyone at a door needs).
 */
record ApiContext(ParkConfig config, ParkDatabase db, IngestStore ingest, PeopleStore people, CommandSender commands,
                  RosterSync roster, SessionTokens tokens, PasswordHasher hasher, FieldCipher cipher,
                  byte[] offlinePinSecret, PassIssuer passes, AttemptLimiter signIns, AttemptLimiter doorOpens) {

    ApiContext(ParkConfig config, ParkDatabase db, IngestStore ingest, PeopleStore people, CommandSender commands,
               RosterSync roster, SessionTokens tokens, PasswordHasher hasher, FieldCipher cipher,
               byte[] offlinePinSecret, PassIssuer passes) {
        this(config, db, ingest, people, commands, roster, tokens, hasher, cipher, offlinePinSecret, passes,
                AttemptLimiter.of(5, Duration.ofMinutes(15)),
                AttemptLimiter.of(config == null ? ParkConfig.Http.DEFAULT_DOOR_OPENS_PER_MINUTE : config.http().doorOpensPerMinute(),
                        Duration.ofMinutes(1)));
    }
}
