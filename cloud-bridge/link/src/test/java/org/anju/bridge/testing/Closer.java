package org.anju.bridge.testing;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes what a test opened, newest first, after each test: brokers, uplinks, clients.
 * Use as {@code @RegisterExtension final Closer closer = new Closer();} and {@code closer.keep(x)}.
 */
public final class Closer implements AfterEachCallback {
    private final List<AutoCloseable> open = new ArrayList<>();

    public <T extends AutoCloseable> T keep(T resource) {
        open.add(resource);
        return resource;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
