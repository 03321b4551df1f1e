package org.anju.agent.store;

import java.nio.file.Path;
import java.time.Clock;

import org.anju.bridge.contract.Priority;

/**
 * A process that appends events as fast as it can and prints each sequence number once its
 * append is committed; the crash test kills it with SIGKILL mid-stream.
 */
public final class OutboxCrashChild {
    public static void main(String[] args) throws Exception {
        OpenResult r = GatewayDatabase.open(Path.of(args[0]));
        if (!(r instanceof OpenResult.Opened opened)) {
            System.out.println("FAILED " + ((OpenResult.Failed) r).reason());
            return;
        }
        Outbox outbox = new Outbox(opened.database(), Clock.systemUTC());
        System.out.println("READY");
        while (true) {
            var futures = new java.util.ArrayList<java.util.concurrent.CompletableFuture<AppendResult>>();
            for (int i = 0; i < 50; i++) {
                futures.add(outbox.append(new OutboxEvent.New(Priority.ACCESS, "door.opened", "{\"n\":" + i + "}")));
            }
            StringBuilder line = new StringBuilder();
            for (var f : futures) {
                if (f.join() instanceof AppendResult.Stored s) {
                    line.append(s.event().seq()).append('\n');
                }
            }
            System.out.print(line);
            System.out.flush();
        }
    }
}
