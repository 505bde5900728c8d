package io.vigil.web.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.web.protocol.ProtocolViolation;

/** Whatever a monitor sends, the decoder answers with a request (maybe {@code Malformed}) or a 1007. */
class MonitorRequestDecoderFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void decodesOrRefusesAnyText(byte[] data) {
        String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        try {
            assertNotNull(MonitorRequestDecoder.decode(text));
        } catch (ProtocolViolation violation) {
            assertEquals(1007, violation.closeReason().getCloseCode().getCode());
        }
    }
}
