package io.vigil.command;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditLog;
import io.vigil.device.DeviceIds;
import io.vigil.device.UnknownDeviceException;
import io.vigil.device.Device;
import io.vigil.shared.AfterCommit;
import io.vigil.shared.InvalidInputException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place commands are written: sent ({@code PENDING}), answered by the
 * device, failed, or timed out. Each change is announced with
 * {@link CommandChanged} after the commit; a command ends once, whatever
 * arrives later (a late answer after the timeout is ignored).
 */
@Stateless
public class CommandService {

    public static final int MAX_ARGS_CHARS = 8192;
    public static final int MAX_RESULT_CHARS = 8192;
    private static final int MAX_WHO_CHARS = 200;

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    @Inject
    AfterCommit afterCommit;

    @Inject
    AuditLog audit;

    /**
     * Stores a new pending command for a registered device.
     *
     * @throws InvalidInputException  when the name or args break the contract's rules
     * @throws UnknownDeviceException when the device is not registered
     */
    public CommandView create(String deviceId, String name, JsonObject args, String requestedBy) {
        if (!DeviceIds.isValid(deviceId)) {
            throw new InvalidInputException("deviceId must be 1-64 characters of [A-Za-z0-9_.-]");
        }
        if (!DeviceIds.isValid(name)) {
            throw new InvalidInputException("name must be 1-64 characters of [A-Za-z0-9_.-]");
        }
        String argsJson = (args == null ? JsonObject.EMPTY_JSON_OBJECT : args).toString();
        if (argsJson.length() > MAX_ARGS_CHARS) {
            throw new InvalidInputException("args must be a JSON object of at most " + MAX_ARGS_CHARS + " characters");
        }
        if (em.find(Device.class, deviceId) == null) {
            throw new UnknownDeviceException(deviceId);
        }
        String who = requestedBy.length() > MAX_WHO_CHARS ? requestedBy.substring(0, MAX_WHO_CHARS) : requestedBy;
        DeviceCommand command = new DeviceCommand(newId(), deviceId, name, argsJson, who, System.currentTimeMillis());
        em.persist(command);
        CommandView view = command.view();
        audit.record(requestedBy, AuditAction.COMMAND_SEND, "device:" + deviceId, name + " " + argsJson + " (" + view.id() + ")");
        afterCommit.publish(CommandChanged.of(view));
        return view;
    }

    /**
     * The device's answer. Ignored (empty) when the id is unknown, belongs to
     * another device, or the command has already ended.
     */
    public Optional<CommandView> answered(String deviceId, String id, boolean ok, JsonObject result) {
        String resultJson = result == null ? null : result.toString();
        if (resultJson != null && resultJson.length() > MAX_RESULT_CHARS) {
            resultJson = error("result_too_large", "the device's result had " + resultJson.length()
                    + " characters; at most " + MAX_RESULT_CHARS + " are kept").toString();
        }
        return end(id, deviceId, ok ? CommandStatus.OK : CommandStatus.ERROR, resultJson);
    }

    /** The command could not be delivered; it ends as an error with {@code {"error":code,"message":message}}. */
    public Optional<CommandView> failed(String id, String code, String message) {
        return end(id, null, CommandStatus.ERROR, error(code, message).toString());
    }

    /** Ends every command still pending that was sent before {@code sentBefore}; returns how many. */
    public int expire(long sentBefore, int timeoutSeconds) {
        List<String> ids = em.createQuery("SELECT c.id FROM DeviceCommand c WHERE c.status = :pending"
                        + " AND c.requestedAt < :before ORDER BY c.requestedAt", String.class)
                .setParameter("pending", CommandStatus.PENDING)
                .setParameter("before", sentBefore)
                .setMaxResults(500)
                .getResultList();
        String result = error("timeout", "the device did not answer within " + timeoutSeconds + " s").toString();
        return (int) ids.stream().filter(id -> end(id, null, CommandStatus.TIMEOUT, result).isPresent()).count();
    }

    public Optional<CommandView> find(String id) {
        return Optional.ofNullable(id == null ? null : em.find(DeviceCommand.class, id)).map(DeviceCommand::view);
    }

    /** Commands newest first, of one device or of all. */
    public List<CommandView> list(String deviceId, int limit) {
        var query = deviceId == null
                ? em.createQuery("SELECT c FROM DeviceCommand c ORDER BY c.requestedAt DESC, c.id", DeviceCommand.class)
                : em.createQuery("SELECT c FROM DeviceCommand c WHERE c.deviceId = :device"
                        + " ORDER BY c.requestedAt DESC, c.id", DeviceCommand.class).setParameter("device", deviceId);
        return query.setMaxResults(limit).getResultStream().map(DeviceCommand::view).toList();
    }

    private Optional<CommandView> end(String id, String deviceId, CommandStatus outcome, String resultJson) {
        if (id == null || id.length() > 40) {
            return Optional.empty();
        }
        DeviceCommand command = em.find(DeviceCommand.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (command == null || (deviceId != null && !deviceId.equals(command.getDeviceId()))
                || !command.complete(outcome, resultJson, System.currentTimeMillis())) {
            return Optional.empty();
        }
        CommandView view = command.view();
        afterCommit.publish(CommandChanged.of(view));
        return Optional.of(view);
    }

    private static JsonObject error(String code, String message) {
        return Json.createObjectBuilder().add("error", code).add("message", message).build();
    }

    private static String newId() {
        return "c-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
