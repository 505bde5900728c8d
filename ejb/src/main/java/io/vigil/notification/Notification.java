package io.vigil.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One alert event owed to one channel, written in the transaction of the
 * alert change (so it exists exactly when the change does) and kept until
 * delivered or given up. The delivery worker sends a channel's notifications
 * in order; a burst of the same event goes out as one message, whose
 * {@code deliveryId} every row of it keeps across retries and restarts.
 */
@Entity
@Table(name = "notification")
public class Notification {

    /** Where a notification is in its life. */
    public enum Status { PENDING, SENT, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "channel_id", nullable = false)
    private long channelId;

    @Column(nullable = false, length = 16)
    @Enumerated(EnumType.STRING)
    private NotificationEvent event;

    @Column(name = "alert_id")
    private Long alertId;

    /** The alert as it was at the event, in the contract's JSON (what a monitor's alert event carried). */
    @Column(name = "alert_json", nullable = false, length = 10_000)
    private String alertJson;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "delivery_id", length = 36)
    private String deliveryId;

    @Column(nullable = false, length = 16)
    @Enumerated(EnumType.STRING)
    private Status status = Status.PENDING;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private long nextAttemptAt;

    @Column(name = "last_attempt_at")
    private Long lastAttemptAt;

    @Column(name = "last_error", length = 1000)
    private String lastError;

    @Column(name = "done_at")
    private Long doneAt;

    protected Notification() {
    }

    /** A notification due once {@code dueAt} has come (its burst had time to gather). */
    Notification(long channelId, NotificationEvent event, Long alertId, String alertJson, long createdAt, long dueAt) {
        this.channelId = channelId;
        this.event = event;
        this.alertId = alertId;
        this.alertJson = alertJson;
        this.createdAt = createdAt;
        this.nextAttemptAt = dueAt;
    }

    public Long getId() {
        return id;
    }

    public long getChannelId() {
        return channelId;
    }

    public NotificationEvent getEvent() {
        return event;
    }

    public Long getAlertId() {
        return alertId;
    }

    public String getAlertJson() {
        return alertJson;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public String getDeliveryId() {
        return deliveryId;
    }

    void setDeliveryId(String deliveryId) {
        this.deliveryId = deliveryId;
    }

    public Status getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public long getNextAttemptAt() {
        return nextAttemptAt;
    }

    public NotificationView view(String channelName) {
        return new NotificationView(id, channelId, channelName, event.wire(), alertId, deliveryId, status.name(),
                attempts, createdAt, lastAttemptAt, nextAttemptAt, lastError, doneAt);
    }
}
