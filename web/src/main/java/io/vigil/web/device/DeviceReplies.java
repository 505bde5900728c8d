package io.vigil.web.device;

/** Server → device messages (PROTOCOL.md sections 2 and 4). */
public final class DeviceReplies {

    private DeviceReplies() {
    }

    /** Sent right after the upgrade. */
    public record Welcome(String type, String deviceId, long lastSeq, long serverTime) {
        public Welcome(String deviceId, long lastSeq) {
            this("welcome", deviceId, lastSeq, System.currentTimeMillis());
        }
    }

    /** Cumulative: every reading up to {@code seq} is durably stored. */
    public record Ack(String type, long seq) {
        public Ack(long seq) {
            this("ack", seq);
        }
    }

    /** A reading that went to quarantine. */
    public record Rejected(String type, long seq, String code, String message) {
        public Rejected(long seq, String code, String message) {
            this("rejected", seq, code, message);
        }
    }
}
