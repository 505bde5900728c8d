package io.vigil.web.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void nonFiniteTokensOutsideStringsAreMarked() {
        assertEquals("{\"a\":\"\\u0000non-finite:NaN\",\"b\":\"\\u0000non-finite:-Infinity\"}",
                JsonText.quoteNonFiniteTokens("{\"a\":NaN,\"b\":-Infinity}"));
    }

    @Test
    void tokensInsideStringsOrWordsAreLeftAlone() {
        String text = "{\"NaN\":\"Infinity \\\" NaN\",\"x\":NaNa}";
        assertEquals(text, JsonText.quoteNonFiniteTokens(text));
    }

    @Test
    void textThatIsStillNotJsonIsAViolation() {
        assertThrows(ProtocolViolation.class, () -> JsonText.parseObject("{\"a\":NaN,"));
        assertThrows(ProtocolViolation.class, () -> JsonText.parseObject("nan"));
    }

    @Test
    void deeplyNestedJsonIsAViolationBeforeAnyParserSeesIt() {
        for (String open : new String[] {"[", "{\"a\":"}) {
            String deep = open.repeat(1_001) + "1" + (open.equals("[") ? "]" : "}").repeat(1_001);
            ProtocolViolation violation = assertThrows(ProtocolViolation.class, () -> JsonText.parseObject(deep));
            assertEquals(1007, violation.closeReason().getCloseCode().getCode());
            assertEquals("JSON nested deeper than 64 levels", violation.closeReason().getReasonPhrase());
        }
    }

    @Test
    void nestingIsCountedOutsideStringsOnly() {
        assertEquals(false, JsonText.nestedDeeperThan("{\"a\":\"[[[[[[[[\\\"[[[[\"}", 2));
        assertEquals(true, JsonText.nestedDeeperThan("{\"a\":[[1]]}", 2));
        assertEquals(false, JsonText.nestedDeeperThan("{\"a\":[[1]]}", 3));
    }

    @Test
    void messageSizeCountsUtf8Bytes() {
        assertEquals(3, MessageSize.utf8Length("abc"));
        assertEquals(2, MessageSize.utf8Length("é"));
        assertEquals(3, MessageSize.utf8Length("€"));
        assertEquals(4, MessageSize.utf8Length("😀"));
    }
}
