package org.anju.testing;

import java.util.concurrent.TimeUnit;

/** Stopping a peer process a test started: asked to end, then killed if it has not within 5 s. */
public final class Processes {

    private Processes() {
    }

    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
