package io.vigil.notification;

import io.vigil.device.Tags;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

/**
 * A maintenance window: from {@code startsAt} to {@code endsAt}, the alerts of
 * one device, or of the devices a tag selector picks, are stored and shown
 * (marked silenced) but nobody is notified. Ending one early sets its end to now.
 */
@Entity
@Table(name = "silence")
public class Silence {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "device_id", length = 64)
    private String deviceId;

    @Column(length = 2000)
    private String selector;

    /** The selector parsed once per loaded silence: it is matched against every open alert. */
    @Transient
    private Tags selectorTags;

    @Column(name = "starts_at", nullable = false)
    private long startsAt;

    @Column(name = "ends_at", nullable = false)
    private long endsAt;

    @Column(nullable = false, length = 1000)
    private String comment;

    @Column(name = "created_by", nullable = false, length = 64)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected Silence() {
    }

    Silence(SilenceDefinition d, String createdBy, long createdAt) {
        this.deviceId = d.deviceId();
        this.selector = d.selector().toJson();
        this.selectorTags = d.selector();
        this.startsAt = d.startsAt();
        this.endsAt = d.endsAt();
        this.comment = d.comment().strip();
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public long getEndsAt() {
        return endsAt;
    }

    void endAt(long at) {
        endsAt = Math.max(startsAt, Math.min(endsAt, at));
    }

    /** Whether it covers a device with these tags at {@code at}. */
    public boolean covers(String device, Tags deviceTags, long at) {
        return at >= startsAt && at < endsAt && (deviceId == null || deviceId.equals(device))
                && selector().selects(deviceTags);
    }

    private Tags selector() {
        if (selectorTags == null) {
            selectorTags = Tags.fromJson(selector);
        }
        return selectorTags;
    }

    /** Whether it picks devices by tags (so their tags must be read to judge it). */
    public boolean bySelector() {
        return selector != null;
    }

    public SilenceView view(long now) {
        return new SilenceView(id, deviceId, selector().labels(), startsAt, endsAt, comment, createdBy,
                createdAt, now >= startsAt && now < endsAt);
    }
}
