package io.vigil.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A stored alert and its lifecycle. While it is open (ACTIVE or ACKNOWLEDGED)
 * it holds an {@code openKey}, unique in the table, which is how the database
 * guarantees one open alert per (device, rule).
 */
@Entity
@Table(name = "alert")
public class Alert {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "device_id", nullable = false)
    private String deviceId;

    @Column(name = "rule_id")
    private Long ruleId;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private AlertKind kind;

    private String metric;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private Severity severity;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private AlertState state = AlertState.ACTIVE;

    @Column(name = "alert_value")
    private Double value;

    @Column(name = "raised_at", nullable = false)
    private long raisedAt;

    @Column(nullable = false, length = 500)
    private String message;

    @Column(name = "acknowledged_by")
    private String acknowledgedBy;

    @Column(name = "acknowledged_at")
    private Long acknowledgedAt;

    @Column(name = "ack_note", length = 1000)
    private String ackNote;

    @Column(name = "cleared_at")
    private Long clearedAt;

    @Column(name = "open_key", unique = true)
    private String openKey;

    /** Covered by a silence: stored and shown, but nobody is notified (schema version 10). */
    @Column(nullable = false)
    private boolean silenced;

    protected Alert() {
    }

    private Alert(String deviceId, Long ruleId, AlertKind kind, String metric, Severity severity, Double value,
                  long raisedAt, String message, String openKey) {
        this.deviceId = deviceId;
        this.ruleId = ruleId;
        this.kind = kind;
        this.metric = metric;
        this.severity = severity;
        this.value = value;
        this.raisedAt = raisedAt;
        this.message = message;
        this.openKey = openKey;
    }

    public static Alert threshold(String deviceId, long ruleId, String metric, Severity severity, double value,
                                  long raisedAt, String message) {
        return new Alert(deviceId, ruleId, AlertKind.THRESHOLD, metric, severity, value, raisedAt, message,
                ruleKey(deviceId, ruleId));
    }

    public static Alert offline(String deviceId, long raisedAt, String message) {
        return new Alert(deviceId, null, AlertKind.OFFLINE, null, Severity.WARNING, null, raisedAt, message,
                offlineKey(deviceId));
    }

    public static String ruleKey(String deviceId, long ruleId) {
        return deviceId + "|" + ruleId;
    }

    public static String offlineKey(String deviceId) {
        return deviceId + "|offline";
    }

    void acknowledge(String by, String note, long at) {
        if (state == AlertState.CLEARED) {
            throw new AlertStateException("alert " + id + " is already cleared");
        }
        if (state == AlertState.ACKNOWLEDGED) {
            throw new AlertStateException("alert " + id + " was already acknowledged by " + acknowledgedBy);
        }
        state = AlertState.ACKNOWLEDGED;
        acknowledgedBy = by;
        acknowledgedAt = at;
        ackNote = note;
    }

    void clear(long at) {
        state = AlertState.CLEARED;
        clearedAt = at;
        openKey = null;
    }

    public Long getId() {
        return id;
    }

    public String getDeviceId() {
        return deviceId;
    }

    public Long getRuleId() {
        return ruleId;
    }

    public AlertState getState() {
        return state;
    }

    public String getOpenKey() {
        return openKey;
    }

    public boolean isSilenced() {
        return silenced;
    }

    void setSilenced(boolean silenced) {
        this.silenced = silenced;
    }

    public Severity getSeverity() {
        return severity;
    }

    public long getRaisedAt() {
        return raisedAt;
    }

    public AlertView view() {
        return new AlertView(id, deviceId, ruleId, metric, severity.name(), state.name(), value, raisedAt, message,
                kind.name().toLowerCase(java.util.Locale.ROOT), acknowledgedAt != null, acknowledgedBy,
                acknowledgedAt, ackNote, clearedAt, silenced);
    }
}
