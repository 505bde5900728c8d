package io.vigil.rule;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/**
 * Since when a rule's condition has held for a device that has no alert yet
 * (rules with {@code forSeconds > 0}). Stored, so a restart does not reset the wait.
 */
@Entity
@Table(name = "rule_condition")
@IdClass(RuleCondition.Key.class)
public class RuleCondition {

    @Id
    @Column(name = "device_id")
    private String deviceId;

    @Id
    @Column(name = "rule_id")
    private long ruleId;

    @Column(name = "since_ts", nullable = false)
    private long sinceTs;

    protected RuleCondition() {
    }

    public RuleCondition(String deviceId, long ruleId, long sinceTs) {
        this.deviceId = deviceId;
        this.ruleId = ruleId;
        this.sinceTs = sinceTs;
    }

    public String getDeviceId() {
        return deviceId;
    }

    public long getRuleId() {
        return ruleId;
    }

    public long getSinceTs() {
        return sinceTs;
    }

    public void setSinceTs(long sinceTs) {
        this.sinceTs = sinceTs;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private String deviceId;
        private long ruleId;

        public Key() {
        }

        public Key(String deviceId, long ruleId) {
            this.deviceId = deviceId;
            this.ruleId = ruleId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && ruleId == other.ruleId && Objects.equals(deviceId, other.deviceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deviceId, ruleId);
        }
    }
}
