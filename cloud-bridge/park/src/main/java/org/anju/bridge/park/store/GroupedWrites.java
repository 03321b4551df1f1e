package org.anju.bridge.park.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Small writes that come in bursts (a park's gateways reporting at once): those that arrive while
 * one transaction is being written are written together in the next, in the order they came, on
 * the store's general lane. Each caller's future completes with its own item's result once its
 * transaction committed, or with the transaction's failure.
 */
final class GroupedWrites<T, R> {
    /** One item's write, inside the group's transaction. */
    @FunctionalInterface
    interface Write<T, R> {
        R write(Connection c, T item) throws SQLException;
    }

    private record Pending<T, R>(T item, CompletableFuture<R> done) {
    }

    private final ParkDatabase db;
    private final Write<T, R> write;
    private final ArrayDeque<Pending<T, R>> pending = new ArrayDeque<>();
    private boolean writing;

    GroupedWrites(ParkDatabase db, Write<T, R> write) {
        this.db = db;
        this.write = write;
    }

    CompletableFuture<R> submit(T item) {
        Pending<T, R> p = new Pending<>(item, new CompletableFuture<>());
        synchronized (pending) {
            pending.add(p);
            if (writing) {
                return p.done();
            }
            writing = true;
        }
        writeWaiting();
        return p.done();
    }

    private void writeWaiting() {
        List<Pending<T, R>> group;
        synchronized (pending) {
            if (pending.isEmpty()) {
                writing = false;
                return;
            }
            group = new ArrayList<>(pending);
            pending.clear();
        }
        db.run(c -> {
            List<R> out = new ArrayList<>(group.size());
            for (Pending<T, R> p : group) {
                out.add(write.write(c, p.item()));
            }
            return out;
        }).whenComplete((out, failure) -> {
            for (int i = 0; i < group.size(); i++) {
                if (failure == null) {
                    group.get(i).done().complete(out.get(i));
                } else {
                    group.get(i).done().completeExceptionally(failure);
                }
            }
            writeWaiting();
        });
    }
}
