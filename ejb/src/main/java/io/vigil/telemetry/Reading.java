package io.vigil.telemetry;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One stored reading, identified by its device and the device's seq. */
@Entity
@Table(name = "reading")
@IdClass(Reading.Key.class)
public class Reading {

    @Id
    @Column(name = "device_id")
    private String deviceId;

    @Id
    private long seq;

    @Column(nullable = false)
    private long ts;

    @Column(name = "received_at", nullable = false)
    private long receivedAt;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "reading_metric", joinColumns = {
            @JoinColumn(name = "device_id", referencedColumnName = "device_id"),
            @JoinColumn(name = "seq", referencedColumnName = "seq")})
    @MapKeyColumn(name = "metric_name")
    @Column(name = "metric_value", nullable = false)
    private Map<String, Double> metrics = new LinkedHashMap<>();

    protected Reading() {
    }

    public Reading(String deviceId, long seq, long ts, long receivedAt, Map<String, Double> metrics) {
        this.deviceId = deviceId;
        this.seq = seq;
        this.ts = ts;
        this.receivedAt = receivedAt;
        this.metrics = new LinkedHashMap<>(metrics);
    }

    public String getDeviceId() {
        return deviceId;
    }

    public long getSeq() {
        return seq;
    }

    public long getTs() {
        return ts;
    }

    public long getReceivedAt() {
        return receivedAt;
    }

    public Map<String, Double> getMetrics() {
        return metrics;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String deviceId;
        private long seq;

        public Key() {
        }

        public Key(String deviceId, long seq) {
            this.deviceId = deviceId;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && seq == other.seq && Objects.equals(deviceId, other.deviceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deviceId, seq);
        }
    }
}
