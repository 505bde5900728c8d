package io.vigil.web.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vigil.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

class HistoryResourceTest {

    @Test
    void bucketWidthsAreANumberAndAUnit() {
        assertEquals(500, HistoryResource.width("500ms"));
        assertEquals(60_000, HistoryResource.width("60s"));
        assertEquals(300_000, HistoryResource.width("5m"));
        assertEquals(7_200_000, HistoryResource.width("2h"));
        assertEquals(86_400_000, HistoryResource.width("1d"));
        for (String bad : new String[] {"", "60", "s", "-5s", "1.5h", "0s", "5 weeks", "9999999999s"}) {
            assertThrows(InvalidInputException.class, () -> HistoryResource.width(bad), bad);
        }
    }

    @Test
    void theAutomaticWidthIsRoundAndGivesAtMostAThousandPoints() {
        assertEquals(1_000, HistoryResource.autoWidth(15 * 60_000));        // 15 min: 900 points of 1 s
        assertEquals(5_000, HistoryResource.autoWidth(3_600_000));          // 1 h: 720 of 5 s
        assertEquals(120_000, HistoryResource.autoWidth(86_400_000));       // 24 h: 720 of 2 min
        assertEquals(900_000, HistoryResource.autoWidth(7 * 86_400_000L));  // 7 days: 672 of 15 min
        assertEquals(10_800_000, HistoryResource.autoWidth(90 * 86_400_000L)); // 90 days: 720 of 3 h
        long range = 400 * 86_400_000L;
        assertEquals(true, range / HistoryResource.autoWidth(range) < HistoryResource.AUTO_POINTS);
    }
}
