package io.vigil.web.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vigil.web.protocol.ProtocolViolation;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MonitorRequestDecoderTest {

    @Test
    void everyRequestOfTheContractIsUnderstood() throws Exception {
        assertEquals(Set.of("pump-7", "pump-8"), assertInstanceOf(MonitorRequest.Subscribe.class,
                MonitorRequestDecoder.decode("{\"type\":\"subscribe\",\"devices\":[\"pump-7\",\"pump-8\"]}")).devices());
        assertEquals(1200, assertInstanceOf(MonitorRequest.Resume.class,
                MonitorRequestDecoder.decode("{\"type\":\"resume\",\"lastEventId\":1200}")).lastEventId());
        MonitorRequest.AckAlert ack = assertInstanceOf(MonitorRequest.AckAlert.class,
                MonitorRequestDecoder.decode("{\"type\":\"ack_alert\",\"alertId\":17,\"note\":\"on it\"}"));
        assertEquals(17, ack.alertId());
        assertEquals("on it", ack.note());
        MonitorRequest.Command command = assertInstanceOf(MonitorRequest.Command.class, MonitorRequestDecoder.decode(
                "{\"type\":\"command\",\"deviceId\":\"pump-7\",\"name\":\"set_interval\",\"args\":{\"seconds\":5},"
                        + "\"requestId\":\"r-1\"}"));
        assertEquals("pump-7", command.deviceId());
        assertEquals(5, command.args().getInt("seconds"));
        assertEquals("r-1", command.requestId());
        assertEquals(0, assertInstanceOf(MonitorRequest.Command.class, MonitorRequestDecoder.decode(
                "{\"type\":\"command\",\"deviceId\":\"pump-7\",\"name\":\"identify\"}")).args().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"subscribe\"}",
        "{\"type\":\"subscribe\",\"devices\":\"*\"}",
        "{\"type\":\"subscribe\",\"devices\":[\"bad id\"]}",
        "{\"type\":\"resume\"}",
        "{\"type\":\"resume\",\"lastEventId\":-1}",
        "{\"type\":\"ack_alert\"}",
        "{\"type\":\"ack_alert\",\"alertId\":0}",
        "{\"type\":\"ack_alert\",\"alertId\":\"17\"}",
        "{\"type\":\"command\",\"name\":\"identify\"}",
        "{\"type\":\"command\",\"deviceId\":\"pump-7\"}",
        "{\"type\":\"command\",\"deviceId\":\"pump 7\",\"name\":\"identify\"}",
        "{\"type\":\"command\",\"deviceId\":\"pump-7\",\"name\":\"set interval\"}",
        "{\"type\":\"command\",\"deviceId\":\"pump-7\",\"name\":\"identify\",\"args\":\"x\"}",
    })
    void knownTypesWithBadFieldsAreMalformedNotFatal(String frame) throws Exception {
        assertInstanceOf(MonitorRequest.Malformed.class, MonitorRequestDecoder.decode(frame));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "[]", "{}", "{\"type\":\"dance\"}"})
    void framesThatAreNotARequestClose1007(String frame) {
        assertEquals(1007, assertThrows(ProtocolViolation.class, () -> MonitorRequestDecoder.decode(frame))
                .closeReason().getCloseCode().getCode());
    }
}
