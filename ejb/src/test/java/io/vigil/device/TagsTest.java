package io.vigil.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.shared.InvalidInputException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagsTest {

    @Test
    void aSelectorPicksDevicesThatCarryAllItsLabels() {
        Tags device = Tags.of(Map.of("site", "north", "type", "pump"), "tags");
        assertTrue(Tags.of(Map.of("site", "north"), "selector").selects(device));
        assertTrue(Tags.NONE.selects(device), "the empty selector picks every device");
        assertFalse(Tags.of(Map.of("site", "south"), "selector").selects(device));
        assertFalse(Tags.of(Map.of("site", "north", "zone", "a"), "selector").selects(device));
        assertFalse(Tags.of(Map.of("site", "north"), "selector").selects(Tags.NONE));
    }

    @Test
    void labelsRoundTripThroughTheirColumn() {
        Tags tags = Tags.of(Map.of("b", "2 \"quoted\"", "a", "ünï"), "tags");
        assertEquals(tags, Tags.fromJson(tags.toJson()));
        assertEquals("a=ünï,b=2 \"quoted\"", tags.toString());
        assertEquals(null, Tags.NONE.toJson());
        assertEquals(Tags.NONE, Tags.fromJson(null));
    }

    @Test
    void badLabelsAreRefusedWithTheRuleTheyBreak() {
        assertTrue(assertThrows(InvalidInputException.class, () -> Tags.of(Map.of("bad key", "v"), "tags"))
                .getMessage().contains("key"));
        assertThrows(InvalidInputException.class, () -> Tags.of(Map.of("k", ""), "tags"));
        assertThrows(InvalidInputException.class, () -> Tags.of(Map.of("k", "a\nb"), "tags"));
        assertThrows(InvalidInputException.class, () -> Tags.of(Map.of("k", "x".repeat(201)), "tags"));
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= Tags.MAX_TAGS; i++) {
            many.put("k" + i, "v");
        }
        assertTrue(assertThrows(InvalidInputException.class, () -> Tags.of(many, "selector")).getMessage()
                .startsWith("selector"));
    }
}
