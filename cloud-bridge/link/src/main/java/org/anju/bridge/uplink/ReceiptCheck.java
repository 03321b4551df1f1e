package org.anju.bridge.uplink;

import java.security.PublicKey;
import java.util.Map;

import org.anju.bridge.contract.ContractJson;
import org.anju.bridge.contract.Decoded;
import org.anju.bridge.contract.DeliveryReceipt;
import org.anju.bridge.contract.SignedJson;
import org.anju.bridge.contract.Topics;

/**
 * Whether a message on the command topic is a receipt from this gateway's park: the park's
 * signature with one of the keys the gateway trusts for commands, and this park and gateway. A
 * receipt only ever marks events delivered, so a forged one could make the gateway forget events;
 * an unsigned or foreign one is refused with its reason.
 */
final class ReceiptCheck {
    sealed interface Result {
        record Valid(DeliveryReceipt receipt) implements Result {
        }

        record Refused(String reason) implements Result {
        }
    }

    private final Topics self;
    private final Map<String, PublicKey> parkKeys;

    ReceiptCheck(Topics self, Map<String, PublicKey> parkKeys) {
        this.self = self;
        this.parkKeys = Map.copyOf(parkKeys);
    }

    boolean canCheck() {
        return !parkKeys.isEmpty();
    }

    /** Whether {@code payload} claims to be a receipt at all (rather than a command). */
    static boolean isReceipt(byte[] payload) {
        byte[] json = SignedJson.unsigned(payload);
        if (json == null) {
            return false;
        }
        try {
            var kind = ContractJson.mapper().readTree(json).get("kind");
            return kind != null && DeliveryReceipt.KIND.equals(kind.asText());
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    Result check(byte[] payload) {
        byte[] json = SignedJson.unsigned(payload);
        if (json == null) {
            return new Result.Refused("unsigned receipt");
        }
        Decoded<DeliveryReceipt> decoded = ContractJson.decode(json, DeliveryReceipt.class);
        if (!(decoded instanceof Decoded.Ok<DeliveryReceipt> ok)) {
            return new Result.Refused("malformed receipt: " + ((Decoded.Invalid<DeliveryReceipt>) decoded).reason());
        }
        DeliveryReceipt receipt = ok.value();
        PublicKey key = parkKeys.get(receipt.keyId());
        if (key == null) {
            return new Result.Refused(parkKeys.isEmpty() ? "no park key to check receipts with (park.commandKeys is empty)"
                    : "receipt signed with unknown key " + receipt.keyId());
        }
        if (!(SignedJson.open(SignedJson.RECEIPT, payload, key) instanceof SignedJson.Opened.Valid)) {
            return new Result.Refused("receipt with a bad signature");
        }
        if (!receipt.park().equals(self.park()) || !receipt.gateway().equals(self.gateway())) {
            return new Result.Refused("receipt for " + receipt.park() + "/" + receipt.gateway());
        }
        return new Result.Valid(receipt);
    }
}
