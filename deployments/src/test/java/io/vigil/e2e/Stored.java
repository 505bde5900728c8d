package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonValue;
import java.util.List;

/** The invariant every ingest test ends with, checked over the REST API: seqs 1..n stored, each exactly once. */
final class Stored {

    private Stored() {
    }

    static List<Long> seqs(Api api, String deviceId) {
        Api.Reply reply = api.get("/api/devices/" + deviceId + "/readings?limit=100000");
        assertEquals(200, reply.status(), "history of " + deviceId);
        return reply.body().asJsonArray().stream()
                .map(JsonValue::asJsonObject)
                .map(r -> r.getJsonNumber("seq").longValue())
                .toList();
    }

    /** Every seq from 1 to {@code acked} is stored exactly once (more may be stored: sent, not yet acked). */
    static void exactlyOnceUpTo(Api api, String deviceId, long acked) {
        List<Long> seqs = seqs(api, deviceId);
        long distinct = seqs.stream().distinct().count();
        assertEquals(seqs.size(), distinct, deviceId + ": a reading is stored twice");
        for (long seq = 1; seq <= acked; seq++) {
            if (!seqs.contains(seq)) {
                fail(deviceId + ": seq " + seq + " was acked (ack " + acked + ") but is not stored; "
                        + seqs.size() + " readings are");
            }
        }
    }
}
