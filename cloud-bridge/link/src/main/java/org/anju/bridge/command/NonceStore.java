package org.anju.bridge.command;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the gateway keeps the nonces of commands it accepted, so that a restart does not re-open
 * the replay window. Each nonce is kept until its {@code keepUntil} (the command's expiry plus the
 * allowed clock skew); after that the command is refused as expired anyway and the nonce may go.
 * The agent may implement this over its SQLite store; {@link FileNonceStore} is a ready one.
 */
public interface NonceStore {

    /** Every nonce remembered and its keep-until time (epoch ms); expired ones may be included. */
    Map<String, Long> load() throws IOException;

    /** Remembers a nonce; durable when this returns (the command acts only afterwards). */
    void remember(String nonce, long keepUntilMillis) throws IOException;

    /** May drop nonces whose keep-until time is before {@code nowMillis}. */
    void forgetBefore(long nowMillis) throws IOException;

    /** Forgets everything on restart: for tests and for a demo without a disk, never for a gateway. */
    static NonceStore inMemory() {
        return new NonceStore() {
            private final Map<String, Long> nonces = new HashMap<>();

            @Override
            public synchronized Map<String, Long> load() {
                return new HashMap<>(nonces);
            }

            @Override
            public synchronized void remember(String nonce, long keepUntilMillis) {
                nonces.put(nonce, keepUntilMillis);
            }

            @Override
            public synchronized void forgetBefore(long nowMillis) {
                nonces.values().removeIf(until -> until < nowMillis);
            }
        };
    }
}
