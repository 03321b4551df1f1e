package org.anju.bridge.park.ingest;

import java.security.KeyPair;

import org.anju.bridge.contract.Contract;
import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Decoded;
import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.GatewayState;
import org.anju.bridge.contract.SignedJson;

/**
 * Checks a throwaway gateway's signed birth, up to a few hundred times, before the live
 * subscription starts. Births are retained, so a starting bridge hears every gateway's at once,
 * hundreds, and checks them in turn before it asks each for the alarms it raised while the bridge
 * was away: the first ones were checked by the interpreter, with a park's backlog draining beside
 * them (500 births took half a second, about a millisecond each, where a compiled check takes a
 * tenth of that). The key is made here and forgotten; nothing is stored or sent.
 */
final class BirthCheckWarmUp {
    /** Enough calls for the signature check and the birth's decoding to be compiled; a park of fewer buildings does fewer. */
    static final int ROUNDS = 300;

    private BirthCheckWarmUp() {
    }

    /** How many of the rounds' births were checked and read back as signed (all of them, unless something is broken). */
    static int run(String park, int rounds) {
        if (rounds <= 0) {
            return 0;
        }
        KeyPair key = Ed25519Keys.generate();
        byte[] payload = SignedJson.sign(SignedJson.GATEWAY,
                new GatewayState.Birth(Contract.VERSION, park, "warm-up", 1, 0, "warm-up", 0), key.getPrivate());
        int read = 0;
        for (int i = 0; i < rounds; i++) {
            if (SignedJson.open(SignedJson.GATEWAY, payload, key.getPublic()) instanceof SignedJson.Opened.Valid valid
                    && ContractJson.decode(valid.json(), GatewayState.class) instanceof Decoded.Ok<GatewayState>) {
                read++;
            }
        }
        return read;
    }
}
