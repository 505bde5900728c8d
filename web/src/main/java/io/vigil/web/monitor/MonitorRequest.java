package io.vigil.web.monitor;

import jakarta.json.JsonObject;
import java.util.Set;

/** A decoded monitor → server message (PROTOCOL.md section 6). */
public sealed interface MonitorRequest {

    /** Which devices' readings to receive; {@code *} means all. */
    record Subscribe(Set<String> devices) implements MonitorRequest {
        public boolean all() {
            return devices.contains("*");
        }
    }

    /** After a reconnect: send what happened after {@code lastEventId}. */
    record Resume(long lastEventId) implements MonitorRequest {
    }

    record AckAlert(long alertId, String note) implements MonitorRequest {
    }

    /** An operator's command for a device; {@code requestId} (optional, extension) comes back in {@code command_accepted}. */
    record Command(String deviceId, String name, JsonObject args, String requestId) implements MonitorRequest {
    }

    /** A message of a known type whose fields are wrong: answered with an error, the connection stays. */
    record Malformed(String type, String problem) implements MonitorRequest {
    }
}
