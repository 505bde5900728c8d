package io.vigil.device;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditLog;
import io.vigil.shared.AfterCommit;
import io.vigil.shared.MetricsJson;
import io.vigil.shared.InvalidInputException;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Registration, look-up and authentication of devices. */
@Stateless
public class DeviceService {

    public static final int MAX_NAME_LENGTH = 200;

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    @Inject
    DevicePresence presence;

    @Inject
    Event<DeviceSeen> seen;

    @Inject
    AfterCommit afterCommit;

    @Inject
    AuditLog audit;

    @Inject
    DeviceTags tags;

    /**
     * Registers a device and returns its token, which is not stored and cannot be shown again.
     *
     * @throws InvalidInputException when the id or name breaks the contract's rules
     * @throws DeviceAlreadyExistsException when the id is taken
     */
    public RegisteredDevice register(String id, String name, String actor) {
        return register(id, name, Tags.NONE, actor);
    }

    /** Registers a device with its first tags (see {@link #register(String, String, String)}). */
    public RegisteredDevice register(String id, String name, Tags initialTags, String actor) {
        if (!DeviceIds.isValid(id)) {
            throw new InvalidInputException("id must be 1-64 characters of [A-Za-z0-9_.-]");
        }
        String displayName = name == null || name.isBlank() ? id : name.strip();
        if (displayName.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (em.find(Device.class, id) != null) {
            throw new DeviceAlreadyExistsException(id);
        }
        String token = DeviceTokens.newToken();
        em.persist(new Device(id, displayName, DeviceTokens.hash(token), System.currentTimeMillis()));
        em.flush();
        tags.initial(id, initialTags);
        audit.record(actor, AuditAction.DEVICE_REGISTER, "device:" + id,
                initialTags.isEmpty() ? displayName : displayName + " [" + initialTags + "]");
        return new RegisteredDevice(id, displayName, token);
    }

    /** The device a token belongs to, if any. */
    public Optional<String> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return em.createQuery("SELECT d.id FROM Device d WHERE d.tokenHash = :hash", String.class)
                .setParameter("hash", DeviceTokens.hash(token))
                .getResultStream()
                .findFirst();
    }

    /**
     * Gives the device a new token and returns it (shown only here). The old
     * token stops working at once for new connections; a connection already
     * open stays, so the device can switch without a gap.
     *
     * @throws UnknownDeviceException when there is no such device
     */
    public RegisteredDevice rotateToken(String id, String actor) {
        String token = DeviceTokens.newToken();
        setTokenHash(id, DeviceTokens.hash(token));
        audit.record(actor, AuditAction.DEVICE_TOKEN_ROTATE, "device:" + id, null);
        return new RegisteredDevice(id, em.find(Device.class, id).getName(), token);
    }

    /**
     * Revokes the device's token: no connection is accepted until a new one
     * is issued ({@link #rotateToken}), and the live connection is closed
     * with 1008 "token revoked" after the commit.
     *
     * @throws UnknownDeviceException when there is no such device
     */
    public void revokeToken(String id, String actor) {
        // Not a hex SHA-256 digest, so no token hashes to it.
        setTokenHash(id, DeviceTokens.REVOKED_PREFIX + DeviceTokens.newToken());
        audit.record(actor, AuditAction.DEVICE_TOKEN_REVOKE, "device:" + id, null);
        afterCommit.publish(new DeviceTokenRevoked(id));
    }

    private void setTokenHash(String id, String tokenHash) {
        int updated = em.createNativeQuery("UPDATE device SET token_hash = ?1 WHERE id = ?2")
                .setParameter(1, tokenHash)
                .setParameter(2, id)
                .executeUpdate();
        if (updated == 0) {
            throw new UnknownDeviceException(id);
        }
    }

    public List<DeviceView> list() {
        return list(Integer.MAX_VALUE);
    }

    /** The first {@code limit} devices by id. */
    public List<DeviceView> list(int limit) {
        Map<String, Tags> allTags = tags.all();
        return em.createQuery("SELECT d FROM Device d ORDER BY d.id", Device.class)
                .setMaxResults(limit)
                .getResultStream()
                .map(d -> view(d, allTags.getOrDefault(d.getId(), Tags.NONE)))
                .toList();
    }

    public long count() {
        return em.createQuery("SELECT COUNT(d) FROM Device d", Long.class).getSingleResult();
    }

    public Optional<DeviceView> find(String id) {
        return Optional.ofNullable(em.find(Device.class, id)).map(d -> view(d, tags.of(id)));
    }

    public boolean exists(String id) {
        return em.find(Device.class, id) != null;
    }

    /** The highest seq of this device that is durably stored, 0 when none. */
    public long lastSeq(String id) {
        Device device = em.find(Device.class, id);
        if (device == null) {
            throw new UnknownDeviceException(id);
        }
        return device.getLastSeq();
    }

    public Long lastSeen(String id) {
        Device device = em.find(Device.class, id);
        return device == null ? null : device.getLastSeen();
    }

    /**
     * Records that the device was heard from, which also ends its offline
     * alert. Returns the time recorded. Touches {@code last_seen} alone (never
     * {@code last_seq}, which belongs to the ingest writer) and never moves it
     * backwards.
     */
    public long markSeen(String id, long now) {
        int updated = em.createNativeQuery(
                        "UPDATE device SET last_seen = GREATEST(COALESCE(last_seen, 0), ?1) WHERE id = ?2")
                .setParameter(1, now)
                .setParameter(2, id)
                .executeUpdate();
        if (updated == 0) {
            throw new UnknownDeviceException(id);
        }
        seen.fire(new DeviceSeen(id, now));
        return now;
    }

    private DeviceView view(Device d, Tags deviceTags) {
        return new DeviceView(d.getId(), d.getName(), presence.isOnline(d.getId()), d.getLastSeen(),
                d.getLastSeq(), MetricsJson.parse(d.getLatestMetrics()), deviceTags.labels());
    }
}
