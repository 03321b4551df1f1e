package org.anju.agent.door;

import java.util.function.Consumer;

import org.anju.agent.access.Credential;
import org.anju.agent.gpio.GpioBoard;
import org.anju.agent.gpio.PinClaim;
import org.anju.profiles.model.ReaderBinding;
import org.anju.protocol.wiegand.WiegandCodec;
import org.anju.protocol.wiegand.WiegandKeys;
import org.anju.protocol.wiegand.WiegandResult;

import io.vertx.core.Vertx;

/**
 * A Wiegand reader wired the site file's way (a door's, a lift car's, a gate's): its frames
 * decoded into what was presented, a card or digits typed at its keypad (each key is a 4- or
 * 8-bit frame, collected until '#' by a {@link KeypadEntry}), and a misread counted.
 */
public final class CardReaders {

    /** What a person presented; called on the reader's Vert.x context. */
    public interface Presented {
        void card(Credential.Card card);

        /** Digits entered at the reader's keypad; readers without one never call it. */
        default void keys(String digits) {
        }

        /** A frame that failed parity or length: the person presents the card again. */
        default void misread() {
        }
    }

    private CardReaders() {
    }

    public static PinClaim<WiegandReader> attach(Vertx vertx, GpioBoard gpio, String name, ReaderBinding reader,
                                                 Presented presented) {
        KeypadEntry keypad = new KeypadEntry();
        Consumer<org.anju.agent.gpio.WiegandFrame> frames = frame -> {
            var key = WiegandKeys.decode(frame.bitCount(), frame.bits());
            if (key.isPresent()) {
                keypad.key(key.get(), System.nanoTime()).ifPresent(presented::keys);
                return;
            }
            WiegandResult card = WiegandCodec.decode(frame.bitCount(), frame.bits());
            if (card instanceof WiegandResult.Card c) {
                presented.card(new Credential.Card(c.facility(), c.number()));
            } else {
                presented.misread();
            }
        };
        return WiegandReader.attach(vertx, gpio, name, reader.d0Pin(), reader.d1Pin(), frames);
    }
}
