package dev.offloadjsse.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON object built field by field, written in insertion order. */
final class JsonObject {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    JsonObject put(String name, String value) {
        fields.put(name, value);
        return this;
    }

    JsonObject put(String name, long value) {
        fields.put(name, value);
        return this;
    }

    JsonObject put(String name, JsonObject value) {
        fields.put(name, value);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            appendString(out, name);
            out.append(':');
            if (value instanceof String text) {
                appendString(out, text);
            } else if (value == null) {
                out.append("null");
            } else {
                out.append(value);
            }
        });
        return out.append('}').toString();
    }

    private static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
