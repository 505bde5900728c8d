package io.vigil.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A registered field device: its identity, the hash of its token, and how far
 * its stream has been durably stored ({@code lastSeq}).
 *
 * <p>The stream columns ({@code last_seq}, {@code last_seen},
 * {@code latest_metrics}) are read-only here: the ingest writer updates them
 * with guarded SQL in its own transaction ({@code telemetry.DeviceStreams}),
 * and {@link DeviceService#markSeen} touches {@code last_seen} alone. Loading a
 * device and flushing it can therefore never write back a stale
 * {@code last_seq}.
 */
@Entity
@Table(name = "device")
public class Device {

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Column(name = "token_hash", nullable = false, unique = true)
    private String tokenHash;

    @Column(name = "last_seq", nullable = false, updatable = false)
    private long lastSeq;

    @Column(name = "last_seen", updatable = false)
    private Long lastSeen;

    /** The newest value of every metric the device has reported, as a JSON object. */
    @Column(name = "latest_metrics", nullable = false, length = 100_000, updatable = false)
    private String latestMetrics = "{}";

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "offline_after_seconds")
    private Integer offlineAfterSeconds;

    protected Device() {
    }

    public Device(String id, String name, String tokenHash, long createdAt) {
        this.id = id;
        this.name = name;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public long getLastSeq() {
        return lastSeq;
    }

    public Long getLastSeen() {
        return lastSeen;
    }

    public String getLatestMetrics() {
        return latestMetrics;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public Integer getOfflineAfterSeconds() {
        return offlineAfterSeconds;
    }
}
