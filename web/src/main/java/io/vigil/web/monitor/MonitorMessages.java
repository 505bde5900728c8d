package io.vigil.web.monitor;

import io.vigil.alert.AlertView;
import io.vigil.command.CommandView;
import jakarta.json.JsonObject;
import io.vigil.shared.MetricsJson;
import java.util.List;
import java.util.Map;

/** Server → monitor messages (PROTOCOL.md section 6). */
public final class MonitorMessages {

    private MonitorMessages() {
    }

    /**
     * The whole picture, sent on connect and when a resume is not possible.
     * Bounded: at most {@code vigil.monitor.snapshotMaxDevices} devices (the
     * first by id) and {@code vigil.monitor.snapshotMaxAlerts} open alerts
     * (the newest); {@code devicesTotal} and {@code alertsTotal} (extension)
     * say how many there are, so a client knows when to page the rest over REST.
     */
    public record Snapshot(String type, long eventId, List<SnapshotDevice> devices, List<AlertView> alerts,
                           long devicesTotal, long alertsTotal) {
        public Snapshot(long eventId, List<SnapshotDevice> devices, List<AlertView> alerts, long devicesTotal,
                        long alertsTotal) {
            this("snapshot", eventId, devices, alerts, devicesTotal, alertsTotal);
        }
    }

    /** A device as the snapshot shows it. */
    public record SnapshotDevice(String id, String name, boolean online, Long lastSeen, Map<String, Double> metrics) {
    }

    /** A stored reading (possibly several conflated into one: newest value per metric). */
    public record Reading(String type, long eventId, String deviceId, long seq, long ts, Map<String, Double> metrics) {
        public Reading(long eventId, String deviceId, long seq, long ts, Map<String, Double> metrics) {
            this("reading", eventId, deviceId, seq, ts, metrics);
        }

        /**
         * The same JSON as JSON-B would write, by hand: this is the message
         * sent most often, once per reading and monitor. Device ids and metric
         * names are restricted to {@code [A-Za-z0-9_.-]}, so nothing needs escaping.
         */
        public String toJson() {
            return "{\"type\":\"reading\",\"eventId\":" + eventId + ",\"deviceId\":\"" + deviceId + "\",\"seq\":" + seq
                    + ",\"ts\":" + ts + ",\"metrics\":" + MetricsJson.write(metrics) + "}";
        }
    }

    /** An alert was raised, acknowledged or cleared. */
    public record Alert(String type, long eventId, AlertView alert) {
        public Alert(long eventId, AlertView alert) {
            this("alert", eventId, alert);
        }
    }

    /** A device connected or went away. */
    public record Device(String type, long eventId, String deviceId, boolean online, Long lastSeen) {
        public Device(long eventId, String deviceId, boolean online, Long lastSeen) {
            this("device", eventId, deviceId, online, lastSeen);
        }
    }

    /** Extension: an operator sent a command; it is pending until a {@link CommandResult} follows. */
    public record CommandSent(String type, long eventId, CommandView command) {
        public CommandSent(long eventId, CommandView command) {
            this("command_sent", eventId, command);
        }
    }

    /**
     * A command ended. {@code status} is the contract's {@code ok} or
     * {@code error}; a command that timed out or could not be delivered is an
     * {@code error} whose {@code result.error} says why ({@code timeout},
     * {@code device_offline}). The fields after {@code result} extend the contract.
     */
    public record CommandResult(String type, long eventId, String deviceId, String id, String status,
                                JsonObject result, String name, String outcome, Long completedAt) {
        public CommandResult(long eventId, CommandView command) {
            this("command_result", eventId, command.deviceId(), command.id(), command.status().wireStatus(),
                    command.result(), command.name(), command.status().name(), command.completedAt());
        }
    }

    /** Extension: the answer to the monitor that sent a command, with its {@code requestId}. */
    public record CommandAccepted(String type, String requestId, CommandView command) {
        public CommandAccepted(String requestId, CommandView command) {
            this("command_accepted", requestId, command);
        }
    }

    /**
     * Extension: the end of the answer to a {@code resume} that needed no
     * snapshot; {@code replayed} messages (missed events and newest readings)
     * came before it, none when the monitor had missed nothing. It has no
     * {@code eventId}: it is not an event.
     */
    public record Resumed(String type, long lastEventId, int replayed) {
        public Resumed(long lastEventId, int replayed) {
            this("resumed", lastEventId, replayed);
        }
    }

    /** Extension: the answer to a monitor request that could not be carried out. */
    public record Error(String type, String code, String message) {
        public Error(String code, String message) {
            this("error", code, message);
        }
    }
}
