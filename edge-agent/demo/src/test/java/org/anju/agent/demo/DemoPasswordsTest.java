package org.anju.agent.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.anju.bridge.park.auth.PasswordPolicy;
import org.junit.jupiter.api.Test;

/** The demo starts with passwords the park's own policy takes, every time (one start in forty did not). */
class DemoPasswordsTest {
    @Test
    void everyAdminPasswordTheDemoMakesIsOneTheParkTakes() {
        for (int i = 0; i < 20_000; i++) {
            String password = DemoWorld.newAdminPassword();
            assertThat(PasswordPolicy.problem(password, "admin")).as(password).isEmpty();
        }
    }

    @Test
    void theOldShapeWasRefusedWhenItsDigitsWereAllNumbers() {
        assertThat(PasswordPolicy.problem("admin-12345678", "admin")).hasValueSatisfying(p -> assertThat(p).contains("login"));
    }
}
