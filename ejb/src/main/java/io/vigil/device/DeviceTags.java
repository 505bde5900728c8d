package io.vigil.device;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditLog;
import io.vigil.shared.InvalidInputException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tags of devices (table {@code device_tag}, schema version 10): set on
 * registration, replaced one device at a time or changed in bulk, each change
 * audited; read by the rule engine, routing and silences to match selectors.
 */
@Stateless
public class DeviceTags {

    public static final int MAX_BULK_DEVICES = 10_000;

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    @Inject
    AuditLog audit;

    /** The tags of one device (none when it has none or does not exist). */
    public Tags of(String deviceId) {
        return ofDevices(List.of(deviceId)).getOrDefault(deviceId, Tags.NONE);
    }

    /** The tags of these devices; a device without tags is left out of the map. */
    public Map<String, Tags> ofDevices(Collection<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return Map.of();
        }
        return collect(em.createNativeQuery("SELECT device_id, tag_key, tag_value FROM device_tag WHERE device_id IN ?1")
                .setParameter(1, deviceIds).getResultList());
    }

    /** The tags of every device that has some. */
    public Map<String, Tags> all() {
        return collect(em.createNativeQuery("SELECT device_id, tag_key, tag_value FROM device_tag").getResultList());
    }

    /**
     * Replaces the device's tags with these (empty removes them all).
     *
     * @throws UnknownDeviceException when there is no such device
     */
    public Tags replace(String deviceId, Tags tags, String actor) {
        requireDevice(deviceId);
        write(deviceId, tags);
        audit.record(actor, AuditAction.DEVICE_TAGS, "device:" + deviceId, tags.toString());
        return tags;
    }

    /** Tags of a device being registered, in its registration's transaction (audited with it). */
    public void initial(String deviceId, Tags tags) {
        write(deviceId, tags);
    }

    /**
     * Sets {@code set} and removes the keys in {@code remove} on every listed device, in one transaction;
     * returns how many devices changed.
     *
     * @throws InvalidInputException when a device is unknown or a label breaks a rule (nothing changes)
     */
    public int bulk(Collection<String> deviceIds, Tags set, Collection<String> remove, String actor) {
        if (deviceIds == null || deviceIds.isEmpty() || deviceIds.size() > MAX_BULK_DEVICES) {
            throw new InvalidInputException("devices must list 1-" + MAX_BULK_DEVICES + " device ids");
        }
        List<String> keysToRemove = remove == null ? List.of() : List.copyOf(remove);
        if (set.isEmpty() && keysToRemove.isEmpty()) {
            throw new InvalidInputException("give tags to set or keys to remove");
        }
        List<String> ids = deviceIds.stream().distinct().toList();
        long known = (Long) em.createQuery("SELECT COUNT(d) FROM Device d WHERE d.id IN :ids")
                .setParameter("ids", ids).getSingleResult();
        if (known != ids.size()) {
            throw new InvalidInputException((ids.size() - known) + " of the devices listed are not registered");
        }
        Map<String, Tags> current = ofDevices(ids);
        for (String id : ids) {
            TreeMap<String, String> next = new TreeMap<>(current.getOrDefault(id, Tags.NONE).labels());
            keysToRemove.forEach(next::remove);
            next.putAll(set.labels());
            write(id, Tags.of(next, "tags"));
        }
        audit.record(actor, AuditAction.DEVICE_TAGS, "devices:" + ids.size(),
                "set " + set + (keysToRemove.isEmpty() ? "" : ", removed " + String.join(",", keysToRemove)));
        return ids.size();
    }

    private void write(String deviceId, Tags tags) {
        em.createNativeQuery("DELETE FROM device_tag WHERE device_id = ?1").setParameter(1, deviceId).executeUpdate();
        tags.labels().forEach((key, value) -> em.createNativeQuery(
                        "INSERT INTO device_tag (device_id, tag_key, tag_value) VALUES (?1, ?2, ?3)")
                .setParameter(1, deviceId).setParameter(2, key).setParameter(3, value).executeUpdate());
    }

    private void requireDevice(String deviceId) {
        if (em.find(Device.class, deviceId) == null) {
            throw new UnknownDeviceException(deviceId);
        }
    }

    private static Map<String, Tags> collect(List<?> rows) {
        Map<String, TreeMap<String, String>> byDevice = new HashMap<>();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            byDevice.computeIfAbsent((String) columns[0], id -> new TreeMap<>())
                    .put((String) columns[1], (String) columns[2]);
        }
        Map<String, Tags> tags = new HashMap<>();
        byDevice.forEach((id, labels) -> tags.put(id, new Tags(labels)));
        return tags;
    }
}
