package io.vigil.telemetry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A reading that was understood but invalid, kept with the reason so that nothing a device sent is lost. */
@Entity
@Table(name = "quarantined_reading")
public class QuarantinedReading {

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

    public QuarantinedReading(String deviceId, long seq, long receivedAt, String code, String message, String payload) {
        this.deviceId = deviceId;
        this.seq = seq;
        this.receivedAt = receivedAt;
        this.code = code;
        this.message = message.length() > 1000 ? message.substring(0, 1000) : message;
        this.payload = payload;
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
