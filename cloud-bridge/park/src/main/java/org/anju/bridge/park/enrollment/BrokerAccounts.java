package org.anju.bridge.park.enrollment;

import java.util.concurrent.CompletableFuture;

import org.anju.bridge.contract.Topics;
import org.anju.bridge.park.config.ParkConfig;

/**
 * Who makes an enrolling gateway's broker account: the broker itself when park.yaml names its
 * dynamic security admin ({@code broker.dynsec}), so the gateway is handed a password once and
 * may use exactly its own topics; otherwise nobody, and the installer adds the user as INSTALL.md
 * says. The gateway's broker user is its gateway id, as the documented ACL expects.
 */
public interface BrokerAccounts {
    /** What became of the account. */
    sealed interface Issued {
        /** Made (or made again, with a new password: an earlier one no longer works). */
        record Credentials(String username, String password) implements Issued {
        }

        /** park.yaml configures no broker admin: the installer makes the account. */
        record NotConfigured(String username) implements Issued {
        }

        /** The broker did not make it; nothing was enrolled. */
        record Failed(String reason) implements Issued {
        }
    }

    CompletableFuture<Issued> issue(Topics gateway);

    static BrokerAccounts of(ParkConfig config) {
        if (config != null && config.broker().dynsec().isPresent()) {
            return new DynamicSecurity(config.broker(), config.broker().dynsec().get());
        }
        return gateway -> CompletableFuture.completedFuture(new Issued.NotConfigured(gateway.gateway()));
    }
}
