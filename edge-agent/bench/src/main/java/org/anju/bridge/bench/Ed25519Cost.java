package org.anju.bridge.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

import org.anju.bridge.contract.Ed25519Keys;
import org.anju.bridge.contract.EventBatch;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.contract.Topics;

/**
 * What checking one signed batch costs the park (CONTRACT.md section 8: the SHA-256 of the batch,
 * then Ed25519 over the domain line and the digest): through the contract's {@link SignedJson}, and
 * the same two steps with JDK 17's own Ed25519.
 */
final class Ed25519Cost {
    private Ed25519Cost() {
    }

    /** Milliseconds per check, {@code rounds} rounds of {@code checks} each: [ours][jdk]. */
    static double[][] measure(int rounds, int checks) throws Exception {
        KeyPair key = Ed25519Keys.generate();
        byte[] batch = SignedJson.sign(SignedJson.GATEWAY, EventBatch.of(new Topics("bench", "gw-0001"), 1, 0, 0,
                FloodGateways.batches(FloodGateways.backlog(FloodGateways.BATCH * 5)).get(4)), key.getPrivate());
        int at = batch.length - 88;
        byte[] sig = Base64.getUrlDecoder().decode(new String(batch, at, 86, StandardCharsets.US_ASCII));
        byte[] json = Arrays.copyOf(batch, at - 7);
        json[json.length - 1] = '}';
        double[] ours = new double[rounds];
        double[] jdk = new double[rounds];
        for (int r = -1; r < rounds; r++) { // round -1 warms the JIT
            long t = System.nanoTime();
            for (int i = 0; i < checks; i++) {
                if (!(SignedJson.open(SignedJson.GATEWAY, batch, key.getPublic()) instanceof SignedJson.Opened.Valid)) {
                    throw new IllegalStateException("our check refused a good batch");
                }
            }
            long mid = System.nanoTime();
            for (int i = 0; i < checks; i++) {
                byte[] line = (SignedJson.GATEWAY + "\n").getBytes(StandardCharsets.US_ASCII);
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify(key.getPublic());
                s.update(line);
                s.update(digest);
                if (!s.verify(sig)) {
                    throw new IllegalStateException("the JDK refused a good batch");
                }
            }
            long end = System.nanoTime();
            if (r >= 0) {
                ours[r] = (mid - t) / 1e6 / checks;
                jdk[r] = (end - mid) / 1e6 / checks;
            }
        }
        return new double[][] {ours, jdk};
    }
}
