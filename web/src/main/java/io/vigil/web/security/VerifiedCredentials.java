package io.vigil.web.security;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP Basic credentials that a bcrypt check found right, so that a script
 * polling with Basic pays that check once, not on every request. An entry
 * is keyed by an HMAC of the credentials under a key made at start (the
 * password itself is never kept) and holds the operator's name and the
 * password hash it was verified against; whoever uses it
 * ({@link SignInFilter}) compares that hash with the operator's current one
 * on every request, so a changed password or a removed operator stops
 * working at once, on every node, and the role is read fresh each time.
 * Entries also expire after {@link #TTL_MILLIS}. At most {@link #MAX_ENTRIES},
 * the least recently used forgotten first. Thread-safe.
 */
public final class VerifiedCredentials {

    static final long TTL_MILLIS = 10 * 60_000;
    static final int MAX_ENTRIES = 10_000;

    /** Who the credentials belong to, and the password hash they were checked against. */
    public record Verified(String username, String passwordHash, long verifiedAt) {
    }

    private final byte[] key = new byte[32];
    private final Map<String, Verified> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public VerifiedCredentials() {
        new SecureRandom().nextBytes(key);
    }

    public synchronized Verified find(String username, String password, long now) {
        String id = id(username, password);
        Verified known = entries.get(id);
        if (known != null && now - known.verifiedAt() >= TTL_MILLIS) {
            entries.remove(id);
            return null;
        }
        return known;
    }

    public synchronized void remember(String username, String password, String passwordHash, long now) {
        entries.put(id(username, password), new Verified(username, passwordHash, now));
    }

    public synchronized void forget(String username, String password) {
        entries.remove(id(username, password));
    }

    private String id(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return java.util.HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
