package io.vigil.web.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextAssemblerTest {

    @Test
    void aMessageInOnePartIsPassedOnAsItIs() throws Exception {
        String message = "{\"type\":\"telemetry\"}";
        assertEquals(message, new TextAssembler(100).add(message, true));
    }

    @Test
    void partsAreJoinedUntilTheLastOne() throws Exception {
        TextAssembler assembler = new TextAssembler(100);
        assertNull(assembler.add("{\"a\":", false));
        assertNull(assembler.add("1", false));
        assertEquals("{\"a\":1}", assembler.add("}", true));
        assertEquals("next", assembler.add("next", true), "the next message starts afresh");
    }

    @Test
    void aMessageIsRefusedWith1009AsSoonAsItsPartsPassTheLimitAndItsRestIsIgnored() throws Exception {
        TextAssembler assembler = new TextAssembler(10);
        assertNull(assembler.add("12345", false));
        ProtocolViolation tooBig = assertThrows(ProtocolViolation.class, () -> assembler.add("678901", false));
        assertEquals(1009, tooBig.closeReason().getCloseCode().getCode());
        assertNull(assembler.add("more of the same message", false));
        assertNull(assembler.add("its end", true));
        assertEquals("ok", assembler.add("ok", true));
    }

    @Test
    void theLimitCountsUtf8Bytes() throws Exception {
        TextAssembler assembler = new TextAssembler(8);
        assertEquals("ééé", assembler.add("ééé", true));       // 6 bytes
        assertThrows(ProtocolViolation.class, () -> assembler.add("éééé€", true)); // 11 bytes
    }
}
