package org.anju.agent.gpio;

/** Opening the GPIO board either works or says why (unknown provider name, no GPIO chip). */
public sealed interface GpioOpenResult {

    record Opened(GpioBoard board) implements GpioOpenResult {
    }

    record Failed(String reason) implements GpioOpenResult {
    }
}
