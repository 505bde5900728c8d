package io.vigil.web.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** The handshake's own parsing (the WebSocket key) and the assembling of message parts, on arbitrary input. */
class HandshakeParsingFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void aKeyIsValidOnlyWhenItIsSixteenBytesInBase64(byte[] data) {
        String key = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
        boolean valid = UpgradeRequests.validKey(key);
        if (valid) {
            assertEquals(16, java.util.Base64.getDecoder().decode(key.strip()).length);
        }
    }

    @FuzzTest(maxDuration = "2m")
    void partsNeverAddUpToMoreThanTheLimit(FuzzedDataProvider data) {
        int limit = data.consumeInt(1, 4096);
        TextAssembler assembler = new TextAssembler(limit);
        while (data.remainingBytes() > 0) {
            String part = data.consumeString(512);
            boolean last = data.consumeBoolean();
            try {
                String message = assembler.add(part, last);
                if (message != null) {
                    assertTrue(MessageSize.utf8Length(message) <= limit, "a message over the limit got through");
                }
            } catch (ProtocolViolation violation) {
                assertEquals(1009, violation.closeReason().getCloseCode().getCode());
            }
        }
    }
}
