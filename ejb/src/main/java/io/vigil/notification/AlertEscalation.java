package io.vigil.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** That an alert was escalated along a route, when last and how many times, so it is not sent again too soon. */
@Entity
@Table(name = "alert_escalation")
@IdClass(AlertEscalation.Key.class)
public class AlertEscalation {

    /** The primary key: one row per alert and route. */
    public static class Key implements Serializable {
        private long alertId;
        private long routeId;

        public Key() {
        }

        public Key(long alertId, long routeId) {
            this.alertId = alertId;
            this.routeId = routeId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.alertId == alertId && key.routeId == routeId;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(alertId) * 31 + Long.hashCode(routeId);
        }
    }

    @Id
    @Column(name = "alert_id")
    private long alertId;

    @Id
    @Column(name = "route_id")
    private long routeId;

    @Column(name = "escalated_at", nullable = false)
    private long escalatedAt;

    @Column(nullable = false)
    private int times;

    protected AlertEscalation() {
    }

    AlertEscalation(long alertId, long routeId, long at) {
        this.alertId = alertId;
        this.routeId = routeId;
        this.escalatedAt = at;
        this.times = 1;
    }

    void again(long at) {
        escalatedAt = at;
        times++;
    }

    public long getEscalatedAt() {
        return escalatedAt;
    }
}
