package io.vigil.device;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A registered field device: its identity, the hash of its token, and how far
 * its stream has been durably stored ({@code lastSeq}).
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

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    @Column(name = "last_seen")
    private Long lastSeen;

    /** The newest value of every metric the device has reported, as a JSON object. */
    @Column(name = "latest_metrics", nullable = false, length = 100_000)
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

    public void setLastSeq(long lastSeq) {
        this.lastSeq = lastSeq;
    }

    public Long getLastSeen() {
        return lastSeen;
    }

    public void setLastSeen(Long lastSeen) {
        this.lastSeen = lastSeen;
    }

    public String getLatestMetrics() {
        return latestMetrics;
    }

    public void setLatestMetrics(String latestMetrics) {
        this.latestMetrics = latestMetrics;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public Integer getOfflineAfterSeconds() {
        return offlineAfterSeconds;
    }
}
