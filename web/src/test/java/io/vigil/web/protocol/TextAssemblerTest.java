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

    @Test
    void smallPartsOfThreeByteCharactersAreCountedInBytesToo() throws Exception {
        // 21,846 characters of 3 bytes = 65,538 bytes, in parts far shorter than a third of the limit.
        TextAssembler assembler = new TextAssembler(65_536);
        String part = "€".repeat(1_000);
        for (int i = 0; i < 21; i++) {
            assertNull(assembler.add(part, false));
        }
        ProtocolViolation tooBig = assertThrows(ProtocolViolation.class, () -> assembler.add("€".repeat(846), true));
        assertEquals(1009, tooBig.closeReason().getCloseCode().getCode());
    }

    @Test
    void aMessageInMoreThanAThousandFragmentsIsRefusedWith1008() throws Exception {
        TextAssembler assembler = new TextAssembler(65_536);
        for (int i = 0; i < TextAssembler.MAX_PARTS; i++) {
            assertNull(assembler.add("x", false));
        }
        ProtocolViolation many = assertThrows(ProtocolViolation.class, () -> assembler.add("x", false));
        assertEquals(1008, many.closeReason().getCloseCode().getCode());
        assertNull(assembler.add("the rest of it", true));
        assertEquals("{}", assembler.add("{}", true), "the next message starts afresh");
    }
}
