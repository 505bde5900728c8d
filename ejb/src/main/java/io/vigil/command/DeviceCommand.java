package io.vigil.command;

import io.vigil.shared.JsonObjects;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An operator's command to a device and how it ended. */
@Entity
@Table(name = "device_command")
public class DeviceCommand {

    @Id
    private String id;

    @Column(name = "device_id", nullable = false)
    private String deviceId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String args;

    @Column(name = "requested_by", nullable = false)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false)
    private long requestedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CommandStatus status;

    private String result;

    @Column(name = "completed_at")
    private Long completedAt;

    protected DeviceCommand() {
    }

    DeviceCommand(String id, String deviceId, String name, String args, String requestedBy, long requestedAt) {
        this.id = id;
        this.deviceId = deviceId;
        this.name = name;
        this.args = args;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
        this.status = CommandStatus.PENDING;
    }

    /** Ends a pending command; false (and nothing changes) when it has already ended. */
    boolean complete(CommandStatus outcome, String resultJson, long now) {
        if (status != CommandStatus.PENDING) {
            return false;
        }
        status = outcome;
        result = resultJson;
        completedAt = now;
        return true;
    }

    String getDeviceId() {
        return deviceId;
    }

    CommandView view() {
        return new CommandView(id, deviceId, name, JsonObjects.parse(args), requestedBy, requestedAt, status,
                JsonObjects.parse(result), completedAt);
    }
}
