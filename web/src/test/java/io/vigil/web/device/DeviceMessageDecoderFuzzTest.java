package io.vigil.web.device;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.telemetry.IncomingReading;
import io.vigil.web.protocol.ProtocolViolation;

/**
 * Whatever a device sends, the decoder answers with a message or a
 * {@link ProtocolViolation}, never anything else, and what it lets through
 * keeps the contract's promises. The saved inputs in
 * {@code src/test/resources/.../DeviceMessageDecoderFuzzTestInputs} run with the
 * unit tests; {@code JAZZER_FUZZ=1} fuzzes (see the README).
 */
class DeviceMessageDecoderFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void decodesOrRefusesAnyText(byte[] data) {
        String text = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        DeviceMessage message;
        try {
            message = DeviceMessageDecoder.decode(text);
        } catch (ProtocolViolation violation) {
            int code = violation.closeReason().getCloseCode().getCode();
            assertTrue(code == 1007 || code == 1009, "close code " + code);
            return;
        }
        if (message instanceof DeviceMessage.Readings readings) {
            int size = readings.readings().size();
            assertTrue(size >= 1 && size <= DeviceMessageDecoder.MAX_BATCH, "batch size " + size);
            long previous = 0;
            for (IncomingReading reading : readings.readings()) {
                assertTrue(reading.seq() > previous && reading.seq() <= DeviceMessageDecoder.MAX_SEQ, "seq " + reading.seq());
                previous = reading.seq();
                if (reading instanceof IncomingReading.Valid valid) {
                    assertTrue(!valid.metrics().isEmpty() && valid.metrics().size() <= DeviceMessageDecoder.MAX_METRICS);
                    valid.metrics().values().forEach(v -> assertTrue(Double.isFinite(v), "value " + v));
                }
            }
        } else if (message instanceof DeviceMessage.CommandResult result) {
            assertTrue(result.id() != null && ("ok".equals(result.status()) || "error".equals(result.status())));
        }
    }
}
