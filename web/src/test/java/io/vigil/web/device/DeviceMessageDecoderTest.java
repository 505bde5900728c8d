package io.vigil.web.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.telemetry.IncomingReading;
import io.vigil.web.protocol.ProtocolViolation;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DeviceMessageDecoderTest {

    private static IncomingReading single(String json) throws ProtocolViolation {
        DeviceMessage message = DeviceMessageDecoder.decode(json);
        return ((DeviceMessage.Readings) message).readings().get(0);
    }

    @Test
    void theHighestSeqIsTwoToTheFiftyThirdMinusOne() throws Exception {
        assertEquals(9007199254740991L, single(
                "{\"type\":\"telemetry\",\"seq\":9007199254740991,\"ts\":1,\"metrics\":{\"a\":1}}").seq());
    }

    @Test
    void aTelemetryMessageBecomesOneValidReading() throws Exception {
        IncomingReading reading = single(
                "{\"type\":\"telemetry\",\"seq\":42,\"ts\":1763719200123,\"metrics\":{\"temperature\":21.5,\"humidity\":40}}");
        IncomingReading.Valid valid = assertInstanceOf(IncomingReading.Valid.class, reading);
        assertEquals(42, valid.seq());
        assertEquals(1763719200123L, valid.ts());
        assertEquals(Map.of("temperature", 21.5, "humidity", 40.0), valid.metrics());
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        assertInstanceOf(IncomingReading.Valid.class, single(
                "{\"type\":\"telemetry\",\"seq\":1,\"ts\":1,\"metrics\":{\"a\":1},\"firmware\":\"2.1\",\"extra\":{}}"));
    }

    @Test
    void aBatchKeepsItsOrder() throws Exception {
        DeviceMessage.Readings batch = (DeviceMessage.Readings) DeviceMessageDecoder.decode(
                "{\"type\":\"batch\",\"items\":[{\"seq\":43,\"ts\":1,\"metrics\":{\"a\":1}},"
                        + "{\"seq\":44,\"ts\":2,\"metrics\":{\"a\":\"x\"}},{\"seq\":50,\"ts\":3,\"metrics\":{\"a\":3}}]}");
        assertEquals(3, batch.readings().size());
        assertEquals(44, batch.readings().get(1).seq());
        assertInstanceOf(IncomingReading.Invalid.class, batch.readings().get(1), "one bad item does not spoil the batch");
    }

    /** Frames that cannot be understood as a message: the connection closes with 1007. */
    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not json",
        "{\"type\":\"telemetry\"",
        "[1,2]",
        "\"telemetry\"",
        "{}",
        "{\"type\":42}",
        "{\"type\":\"launch\"}",
        "{\"type\":\"telemetry\",\"ts\":1,\"metrics\":{\"a\":1}}",
        "{\"type\":\"telemetry\",\"seq\":0,\"ts\":1,\"metrics\":{\"a\":1}}",
        "{\"type\":\"telemetry\",\"seq\":-3,\"ts\":1,\"metrics\":{\"a\":1}}",
        "{\"type\":\"telemetry\",\"seq\":1.5,\"ts\":1,\"metrics\":{\"a\":1}}",
        "{\"type\":\"telemetry\",\"seq\":9007199254740992,\"ts\":1,\"metrics\":{\"a\":1}}",
        "{\"type\":\"telemetry\",\"seq\":9223372036854775807,\"ts\":1,\"metrics\":{\"a\":1}}",
        "{\"type\":\"telemetry\",\"seq\":\"7\",\"ts\":1,\"metrics\":{\"a\":1}}",
        "{\"type\":\"telemetry\",\"seq\":99999999999999999999,\"ts\":1,\"metrics\":{\"a\":1}}",
        "{\"type\":\"batch\"}",
        "{\"type\":\"batch\",\"items\":{}}",
        "{\"type\":\"batch\",\"items\":[]}",
        "{\"type\":\"batch\",\"items\":[1]}",
        "{\"type\":\"batch\",\"items\":[{\"seq\":2,\"ts\":1,\"metrics\":{\"a\":1}},{\"seq\":2,\"ts\":1,\"metrics\":{\"a\":1}}]}",
        "{\"type\":\"command_result\",\"status\":\"ok\"}",
        "{\"type\":\"command_result\",\"id\":\"c-1\",\"status\":\"maybe\"}",
    })
    void framesThatAreNotAMessageClose1007(String frame) {
        ProtocolViolation violation = assertThrows(ProtocolViolation.class, () -> DeviceMessageDecoder.decode(frame));
        assertEquals(1007, violation.closeReason().getCloseCode().getCode());
        assertTrue(!violation.getMessage().isBlank());
    }

    @Test
    void aBatchOfMoreThan500ItemsCloses1007() {
        StringBuilder items = new StringBuilder();
        for (int i = 1; i <= 501; i++) {
            items.append(i == 1 ? "" : ",").append("{\"seq\":").append(i).append(",\"ts\":1,\"metrics\":{\"a\":1}}");
        }
        assertThrows(ProtocolViolation.class,
                () -> DeviceMessageDecoder.decode("{\"type\":\"batch\",\"items\":[" + items + "]}"));
    }

    /** Readings that are understood but invalid: rejected with a code, quarantined, the stream goes on. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"ts\":1,\"metrics\":{\"bad name\":1}              | invalid_metric",
        "\"ts\":1,\"metrics\":{\"\":1}                      | invalid_metric",
        "\"ts\":1,\"metrics\":{\"a\":\"hot\"}               | invalid_metric",
        "\"ts\":1,\"metrics\":{\"a\":null}                  | invalid_metric",
        "\"ts\":1,\"metrics\":{\"a\":true}                  | invalid_metric",
        "\"ts\":1,\"metrics\":{\"a\":[1]}                   | invalid_metric",
        "\"ts\":1,\"metrics\":{\"a\":NaN}                   | invalid_metric",
        "\"ts\":1,\"metrics\":{\"a\":Infinity}              | invalid_metric",
        "\"ts\":1,\"metrics\":{\"a\":-Infinity}             | invalid_metric",
        "\"ts\":1,\"metrics\":{\"a\":1e400}                 | invalid_metric",
        "\"ts\":1,\"metrics\":{}                            | no_metrics",
        "\"ts\":1,\"metrics\":[1]                           | invalid_metrics",
        "\"ts\":1                                           | invalid_metrics",
        "\"metrics\":{\"a\":1}                              | invalid_ts",
        "\"ts\":\"now\",\"metrics\":{\"a\":1}               | invalid_ts",
        "\"ts\":-1,\"metrics\":{\"a\":1}                    | invalid_ts",
        "\"ts\":1.5,\"metrics\":{\"a\":1}                   | invalid_ts",
    })
    void invalidReadingsAreRejectedWithACode(String fields, String code) throws Exception {
        IncomingReading reading = single("{\"type\":\"telemetry\",\"seq\":9," + fields.strip() + "}");
        IncomingReading.Invalid invalid = assertInstanceOf(IncomingReading.Invalid.class, reading);
        assertEquals(9, invalid.seq());
        assertEquals(code.strip(), invalid.code());
        assertTrue(!invalid.message().isBlank());
        assertTrue(invalid.payload().contains("\"seq\":9"), invalid.payload());
    }

    @Test
    void moreThan64MetricsAreRejected() throws Exception {
        StringBuilder metrics = new StringBuilder();
        for (int i = 0; i < 65; i++) {
            metrics.append(i == 0 ? "" : ",").append("\"m").append(i).append("\":1");
        }
        IncomingReading reading = single("{\"type\":\"telemetry\",\"seq\":1,\"ts\":1,\"metrics\":{" + metrics + "}}");
        assertEquals("too_many_metrics", assertInstanceOf(IncomingReading.Invalid.class, reading).code());
    }

    @Test
    void aNaNValueIsNamedInTheMessageAndNotInThePayloadMarker() throws Exception {
        IncomingReading.Invalid invalid = assertInstanceOf(IncomingReading.Invalid.class,
                single("{\"type\":\"telemetry\",\"seq\":3,\"ts\":1,\"metrics\":{\"t\":NaN}}"));
        assertTrue(invalid.message().contains("NaN"), invalid.message());
        assertTrue(invalid.payload().contains("\"t\":\"NaN\""), invalid.payload());
    }

    @Test
    void aCommandResultIsUnderstood() throws Exception {
        DeviceMessage message = DeviceMessageDecoder.decode(
                "{\"type\":\"command_result\",\"id\":\"c-9f2\",\"status\":\"ok\",\"result\":{\"interval\":5}}");
        DeviceMessage.CommandResult result = assertInstanceOf(DeviceMessage.CommandResult.class, message);
        assertEquals("c-9f2", result.id());
        assertEquals(5, result.result().getInt("interval"));
    }
}
