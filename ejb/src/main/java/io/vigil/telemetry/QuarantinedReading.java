package io.vigil.telemetry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A reading that was understood but invalid, kept with the reason so that
 * nothing a device sent is lost. Written by the ingest writer in plain JDBC
 * ({@link ReadingTable}); read here for the REST API.
 */
@Entity
@Table(name = "quarantined_reading")
public class QuarantinedReading {

    static final int MAX_MESSAGE = 1000;
    static final int MAX_PAYLOAD = 100_000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "device_id", nullable = false)
    private String deviceId;

    @Column(nullable = false)
    private long seq;

    @Column(name = "received_at", nullable = false)
    private long receivedAt;

    @Column(nullable = false)
    private String code;

    @Column(nullable = false, length = 1000)
    private String message;

    @Column(nullable = false, length = 100_000)
    private String payload;

    protected QuarantinedReading() {
    }

    /** Cuts text to what its column holds. */
    static String fit(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    public Long getId() {
        return id;
    }

    public String getDeviceId() {
        return deviceId;
    }

    public long getSeq() {
        return seq;
    }

    public long getReceivedAt() {
        return receivedAt;
    }

    public String getCode() {
        return code;
    }

    public String getMessage() {
        return message;
    }

    public String getPayload() {
        return payload;
    }
}
