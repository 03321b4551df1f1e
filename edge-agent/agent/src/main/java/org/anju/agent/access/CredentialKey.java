package org.anju.agent.access;

import java.util.Objects;

/**
 * A credential as the roster stores and looks it up: {@code (kind, value)}, the primary key of
 * the {@code credential} table. A card's value is {@code facility:number}; a PIN's value is its
 * keyed hash from {@link PinHasher}, so a copied database file does not give the PINs away.
 */
public record CredentialKey(String kind, String value) {
    public CredentialKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static CredentialKey of(Credential credential, PinHasher pins) {
        if (credential instanceof Credential.Card card) {
            return new CredentialKey(card.kind(), card.facility() + ":" + card.number());
        }
        Credential.Pin pin = (Credential.Pin) credential;
        return new CredentialKey(pin.kind(), pins.hash(pin));
    }
}
