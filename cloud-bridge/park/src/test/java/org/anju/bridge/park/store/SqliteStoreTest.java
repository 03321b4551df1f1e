package org.anju.bridge.park.store;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import org.anju.bridge.park.config.ParkConfig;

/** The park store on SQLite, the embedded default. */
class SqliteStoreTest extends StoreContract {
    @TempDir
    Path dir;

    private int stores;

    @Override
    ParkConfig.Store emptyStore() {
        return new ParkConfig.Store.Sqlite(dir.resolve("park-" + ++stores + ".db"));
    }

    @Override
    java.sql.Connection connect(ParkConfig.Store store) throws Exception {
        return java.sql.DriverManager.getConnection("jdbc:sqlite:" + ((ParkConfig.Store.Sqlite) store).file());
    }
}
