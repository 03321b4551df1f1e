package org.anju.bridge.contract;

import java.io.IOException;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The top-level scalar fields of an event's payload (a JSON object): numbers as doubles, text,
 * {@code true} and {@code false} as text; nested objects and arrays, and nulls, are left out. What
 * the park reads of most events (a port's reading is nothing else), taken by the batch reader in
 * the same pass that checks the payload ({@link EventBatch#read}), or read from a payload's text.
 * A missing field is "" as text and 0 as a number.
 */
public final class PayloadFields {
    /** Names and values side by side: a payload has a dozen fields, fewer than a hash table pays for. */
    private String[] names = new String[16];
    private Object[] values = new Object[16];
    private int size;

    PayloadFields() {
    }

    /** The fields of {@code object}; none when it is not a JSON object; its JSON's first error as an exception. */
    public static PayloadFields read(String object) throws IOException {
        PayloadFields f = new PayloadFields();
        try (JsonParser p = ContractJson.mapper().getFactory().createParser(object)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return f;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken().isStructStart()) {
                    p.skipChildren();
                } else {
                    f.take(name, p);
                }
            }
        }
        return f;
    }

    /** The scalar value the parser is at, under {@code name}. */
    void take(String name, JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        Object value = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT ? (Object) p.getDoubleValue() : p.getText();
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size++] = value;
    }

    private Object get(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** Equal when they hold the same fields with the same values, in any order. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PayloadFields other) || other.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (!values[i].equals(other.get(names[i]))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < size; i++) {
            h += names[i].hashCode() ^ values[i].hashCode();
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            b.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(values[i]);
        }
        return b.append('}').toString();
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    /** The field as text: a whole number without a decimal point; "" when missing. */
    public String text(String name) {
        Object v = get(name);
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : String.valueOf(d);
        }
        return v == null ? "" : (String) v;
    }

    /** The field as a number (text that is one is read as one); 0 when missing or not a number. */
    public double number(String name) {
        Object v = get(name);
        if (v instanceof Double d) {
            return d;
        }
        try {
            return v == null ? 0 : Double.parseDouble((String) v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
