package dev.offloadjsse.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Oracle: RFC 8259 section 7 (which characters a string must escape). */
class JsonObjectTest {

    @Test
    void writesFieldsInOrderWithNestedObjects() {
        String json = new JsonObject().put("a", "x").put("n", 3).put("o", new JsonObject().put("b", 1)).toString();

        assertThat(json).isEqualTo("{\"a\":\"x\",\"n\":3,\"o\":{\"b\":1}}");
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String json = new JsonObject().put("s", "q\"b\\n\n\u0001").toString();

        assertThat(json).isEqualTo("{\"s\":\"q\\\"b\\\\n\\n\\u0001\"}");
    }

    @Test
    void writesNullForAMissingString() {
        assertThat(new JsonObject().put("s", (String) null).toString()).isEqualTo("{\"s\":null}");
    }
}
