package org.anju.bridge.park.api;

import org.anju.bridge.park.auth.PasswordHasher;
import org.anju.bridge.park.auth.SessionTokens;
import org.anju.bridge.park.command.CommandSender;
import org.anju.bridge.park.config.ParkConfig;
import org.anju.bridge.park.privacy.FieldCipher;
import org.anju.bridge.park.roster.RosterSync;
import org.anju.bridge.park.store.IngestStore;
import org.anju.bridge.park.store.ParkDatabase;
import org.anju.bridge.park.store.PeopleStore;

/** What the routes work with; one per bridge. */
record ApiContext(ParkConfig config, ParkDatabase db, IngestStore ingest, PeopleStore people, CommandSender commands,
                  RosterSync roster, SessionTokens tokens, PasswordHasher hasher, FieldCipher cipher,
                  byte[] offlinePinSecret, PassIssuer passes) {
}
