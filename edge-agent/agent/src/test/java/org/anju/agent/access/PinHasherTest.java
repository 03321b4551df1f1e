package org.anju.agent.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PinHasherTest {
    private final PinHasher hasher = new PinHasher(PinHasher.newKey());

    @Test
    void theSamePinHashesTheSameSoItCanBeLookedUp() {
        assertThat(hasher.hash(new Credential.Pin("482915"))).isEqualTo(hasher.hash(new Credential.Pin("482915")));
        assertThat(hasher.hash(new Credential.Pin("482915"))).isNotEqualTo(hasher.hash(new Credential.Pin("482916")));
    }

    @Test
    void anotherGatewaysKeyGivesAnotherHash() {
        PinHasher other = new PinHasher(PinHasher.newKey());
        assertThat(other.hash(new Credential.Pin("482915"))).isNotEqualTo(hasher.hash(new Credential.Pin("482915")));
    }

    @Test
    void theStoredValueNeverContainsThePin() {
        CredentialKey key = CredentialKey.of(new Credential.Pin("482915"), hasher);
        assertThat(key.kind()).isEqualTo("pin");
        assertThat(key.value()).hasSize(64).doesNotContain("482915");
    }

    @Test
    void aPinNeverShowsInToString() {
        assertThat(new Credential.Pin("482915").toString()).doesNotContain("482915");
    }

    @Test
    void aShortKeyOrABadPinIsRefused() {
        assertThatThrownBy(() -> new PinHasher(new byte[8])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Credential.Pin("12a4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Credential.Pin("123")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCardIsStoredAsFacilityAndNumber() {
        assertThat(CredentialKey.of(new Credential.Card(12, 3456), hasher)).isEqualTo(new CredentialKey("card", "12:3456"));
        assertThatThrownBy(() -> new Credential.Card(70000, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
