package io.vigil.config;

import java.net.URI;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Every tunable of Vigil, by its MicroProfile Config name. A value comes from a
 * system property ({@code -Dvigil.ingest.maxBatch=500}), an environment variable
 * ({@code VIGIL_INGEST_MAXBATCH=500}), or the defaults in the EJB module's
 * {@code META-INF/microprofile-config.properties}, in that order. Each knows what
 * it allows; {@link SettingsCheck} reads them all when Vigil is deployed and a
 * value it does not allow fails the deployment with a message naming the
 * property, the value and what is allowed, instead of a quiet default.
 */
public enum Setting {
    INGEST_QUEUE_CAPACITY("vigil.ingest.queueCapacity", 1, Integer.MAX_VALUE / 2),
    INGEST_MAX_BATCH("vigil.ingest.maxBatch", 1, 1_000_000),
    INGEST_WRITERS("vigil.ingest.writers", 1, 64),
    INGEST_MAX_PARKED_PER_DEVICE("vigil.ingest.maxParkedPerDevice", 1, Integer.MAX_VALUE),
    INGEST_MAX_UNACKED_PER_DEVICE("vigil.ingest.maxUnackedPerDevice", 1, Integer.MAX_VALUE / 4),
    RETENTION_DAYS("vigil.retention.days", 0, 365_000),
    ROLLUPS_FOLD_EVERY_SECONDS("vigil.rollups.foldEverySeconds", 1, 3_600),
    H2_COMPACT_EVERY_SECONDS("vigil.h2.compactEverySeconds", 0, 3_600),
    H2_COMPACT_BELOW_FILL_PERCENT("vigil.h2.compactBelowFillPercent", 1, 99),
    H2_RETENTION_MILLIS("vigil.h2.retentionMillis", 0, 3_600_000),
    DEVICE_OFFLINE_AFTER_SECONDS("vigil.device.offlineAfterSeconds", 1, Integer.MAX_VALUE / 1000),
    WS_MAX_MESSAGE_BYTES("vigil.ws.maxMessageBytes", 1, 1024 * 1024),
    MONITOR_MAX_PENDING_EVENTS("vigil.monitor.maxPendingEvents", 1, Integer.MAX_VALUE),
    MONITOR_SEND_TIMEOUT_SECONDS("vigil.monitor.sendTimeoutSeconds", 1, 86_400),
    MONITOR_WINDOW_BYTES("vigil.monitor.windowBytes", 1, Integer.MAX_VALUE),
    MONITOR_SENDS_IN_FLIGHT("vigil.monitor.sendsInFlight", 1, 1_024),
    MONITOR_REPLAY_EVENTS("vigil.monitor.replayEvents", 0, 10_000_000),
    COMMAND_TIMEOUT_SECONDS("vigil.command.timeoutSeconds", 1, 86_400),
    MONITOR_SNAPSHOT_MAX_DEVICES("vigil.monitor.snapshotMaxDevices", 0, 10_000_000),
    MONITOR_SNAPSHOT_MAX_ALERTS("vigil.monitor.snapshotMaxAlerts", 0, 10_000_000),
    MONITOR_MAX_SESSIONS("vigil.monitor.maxSessions", 1, 1_000_000),
    DEVICE_MAX_FRAMES_PER_SECOND("vigil.device.maxFramesPerSecond", 0, Integer.MAX_VALUE),
    DEVICE_FRAME_BURST("vigil.device.frameBurst", 1, Integer.MAX_VALUE),
    MONITOR_MAX_FRAMES_PER_SECOND("vigil.monitor.maxFramesPerSecond", 0, Integer.MAX_VALUE),
    MONITOR_FRAME_BURST("vigil.monitor.frameBurst", 1, Integer.MAX_VALUE),
    WS_PING_INTERVAL_SECONDS("vigil.ws.pingIntervalSeconds", 1, 86_400),
    WS_IDLE_TIMEOUT_SECONDS("vigil.ws.idleTimeoutSeconds", 1, 86_400),
    WS_MAX_CONNECTIONS_PER_ADDRESS("vigil.ws.maxConnectionsPerAddress", 0, Integer.MAX_VALUE),
    WS_REQUIRE_TLS("vigil.ws.requireTls", Kind.BOOLEAN),
    MONITOR_ALLOWED_ORIGINS("vigil.monitor.allowedOrigins", Kind.TEXT),
    OPERATOR_BCRYPT_COST("vigil.operator.bcryptCost", 4, 31),
    CLUSTER_ENABLED("vigil.cluster.enabled", Kind.BOOLEAN),
    CLUSTER_EVENT_GAP_MILLIS("vigil.cluster.eventGapMillis", 1, 3_600_000),
    CLUSTER_EVENT_MAX_WAITING("vigil.cluster.eventMaxWaiting", 1, Integer.MAX_VALUE),
    HEALTH_BROKER_IN_READINESS("vigil.health.brokerInReadiness", Kind.BOOLEAN),
    NOTIFICATIONS_ALLOWED_HOSTS("vigil.notifications.allowedHosts", Kind.TEXT),
    NOTIFICATIONS_GROUP_WAIT_SECONDS("vigil.notifications.groupWaitSeconds", 0, 3_600),
    NOTIFICATIONS_MAX_RETRY_SECONDS("vigil.notifications.maxRetrySeconds", 1, 30 * 86_400),
    NOTIFICATIONS_MAX_BACKOFF_SECONDS("vigil.notifications.maxBackoffSeconds", 1, 86_400),
    NOTIFICATIONS_TIMEOUT_SECONDS("vigil.notifications.timeoutSeconds", 1, 600),
    NOTIFICATIONS_KEEP_DAYS("vigil.notifications.keepDays", 1, 36_500),
    PUBLIC_URL("vigil.publicUrl", Kind.URL);

    /** What a setting holds, and so what it allows. */
    public enum Kind { INTEGER, BOOLEAN, TEXT, URL }

    private final String property;
    private final Kind kind;
    private final long min;
    private final long max;

    Setting(String property, long min, long max) {
        this.property = property;
        this.kind = Kind.INTEGER;
        this.min = min;
        this.max = max;
    }

    Setting(String property, Kind kind) {
        this.property = property;
        this.kind = kind;
        this.min = 0;
        this.max = 0;
    }

    public String property() {
        return property;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The value as an integer.
     *
     * @throws IllegalStateException naming the property, the value and what is allowed, when it is not one
     */
    public int intValue() {
        String raw = raw();
        long value;
        try {
            value = Long.parseLong(raw.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw invalid(raw);
        }
        if (value < min || value > max) {
            throw invalid(raw);
        }
        return (int) value;
    }

    public boolean booleanValue() {
        String raw = raw().strip().toLowerCase(Locale.ROOT);
        if (!raw.equals("true") && !raw.equals("false")) {
            throw invalid(raw);
        }
        return Boolean.parseBoolean(raw);
    }

    /** The value as text (empty when set to nothing); for a URL, checked to be an absolute http(s) URL. */
    public String text() {
        String raw = raw().strip();
        if (kind == Kind.URL) {
            try {
                URI uri = new URI(raw);
                if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                    throw invalid(raw);
                }
            } catch (java.net.URISyntaxException e) {
                throw invalid(raw);
            }
        }
        return raw;
    }

    /** Reads the value the way its kind is read, so that a bad one fails here. */
    public void check() {
        switch (kind) {
            case INTEGER -> intValue();
            case BOOLEAN -> booleanValue();
            case TEXT, URL -> text();
        }
    }

    /** What it allows, as the refusal says it. */
    public String allowed() {
        return switch (kind) {
            case INTEGER -> "an integer from " + min + " to " + max;
            case BOOLEAN -> "true or false";
            case TEXT -> "any text";
            case URL -> "an absolute http:// or https:// URL";
        };
    }

    private String raw() {
        try {
            return config().getOptionalValue(property, String.class).orElse("");
        } catch (NoSuchElementException | IllegalArgumentException e) {
            throw invalid(String.valueOf(e.getMessage()));
        }
    }

    private IllegalStateException invalid(String raw) {
        return new IllegalStateException("Invalid setting " + property + "=" + raw + ": must be " + allowed()
                + " (a system property -D" + property + ", an environment variable "
                + property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")
                + ", or the default in META-INF/microprofile-config.properties)");
    }

    /** The application's configuration, as this module's class loader sees it (any thread may ask). */
    static Config config() {
        return ConfigProvider.getConfig(Setting.class.getClassLoader());
    }
}
