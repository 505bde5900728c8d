package io.vigil.config;

/**
 * Vigil's tunables by what they are for, each read through MicroProfile Config
 * ({@link Setting}: a system property, an environment variable, or the default in
 * {@code META-INF/microprofile-config.properties}, which the README's table
 * repeats and a test holds it to). Read when asked: nothing here is cached.
 */
public final class Settings {

    private Settings() {
    }

    /** Readings waiting for the database before the server stops reading from devices (their acks wait). */
    /** How often stored readings are added to the roll-ups (charts add the newer ones themselves). */
    public static int rollupsFoldEverySeconds() {
        return Setting.ROLLUPS_FOLD_EVERY_SECONDS.intValue();
    }

    /** How often the embedded H2 file is compacted (0: never, as H2 itself does with WRITE_DELAY=0). */
    public static int h2CompactEverySeconds() {
        return Setting.H2_COMPACT_EVERY_SECONDS.intValue();
    }

    /** Live data under this share of the H2 file's chunks starts a compaction. */
    public static int h2CompactBelowFillPercent() {
        return Setting.H2_COMPACT_BELOW_FILL_PERCENT.intValue();
    }

    /** How long H2 keeps a replaced chunk before its space may be written again. */
    public static int h2RetentionMillis() {
        return Setting.H2_RETENTION_MILLIS.intValue();
    }

    public static int ingestQueueCapacity() {
        return Setting.INGEST_QUEUE_CAPACITY.intValue();
    }

    /** Most readings written in one database transaction. */
    public static int ingestMaxBatch() {
        return Setting.INGEST_MAX_BATCH.intValue();
    }

    /** Writer threads, each with its own queue; a device always goes to the same one. */
    public static int ingestWriters() {
        return Setting.INGEST_WRITERS.intValue();
    }

    /**
     * Readings of one device connection that may wait in the server, past twice
     * {@link #ingestMaxUnackedPerDevice()}, because the container had read them
     * before the pause took effect; past it the connection is closed with 1008.
     */
    public static int ingestMaxParkedPerDevice() {
        return Setting.INGEST_MAX_PARKED_PER_DEVICE.intValue();
    }

    /** Readings a device connection may have waiting for storage before the server stops reading from it. */
    public static int ingestMaxUnackedPerDevice() {
        return Setting.INGEST_MAX_UNACKED_PER_DEVICE.intValue();
    }

    /** Readings older than this many days are deleted by the retention timer; 0 keeps them for ever. */
    public static int retentionDays() {
        return Setting.RETENTION_DAYS.intValue();
    }

    /** A device silent for longer than this raises the built-in offline alert. */
    public static int deviceOfflineAfterSeconds() {
        return Setting.DEVICE_OFFLINE_AFTER_SECONDS.intValue();
    }

    /** The largest text frame a WebSocket peer may send; bigger ones close the connection with 1009. */
    public static int maxMessageBytes() {
        return Setting.WS_MAX_MESSAGE_BYTES.intValue();
    }

    /** Alert and device events a monitor may have waiting before it is closed with 1013. */
    public static int monitorMaxPendingEvents() {
        return Setting.MONITOR_MAX_PENDING_EVENTS.intValue();
    }

    /** How long a monitor may leave unread what it was sent (a ping unanswered) before it is closed with 1013. */
    public static int monitorSendTimeoutSeconds() {
        return Setting.MONITOR_SEND_TIMEOUT_SECONDS.intValue();
    }

    /** About how many bytes a monitor may have unread before its readings are conflated instead of sent. */
    public static int monitorWindowBytes() {
        return Setting.MONITOR_WINDOW_BYTES.intValue();
    }

    /**
     * Frames that may be on their way to one monitor at once; frames queued
     * together share one write (README "Performance", monitor sends).
     */
    public static int monitorSendsInFlight() {
        return Setting.MONITOR_SENDS_IN_FLIGHT.intValue();
    }

    /** Alert and device events kept for monitors that reconnect and {@code resume}. */
    public static int monitorReplayEvents() {
        return Setting.MONITOR_REPLAY_EVENTS.intValue();
    }

    /** How long a device has to answer an operator's command before it ends as TIMEOUT (checked every 5 s). */
    public static int commandTimeoutSeconds() {
        return Setting.COMMAND_TIMEOUT_SECONDS.intValue();
    }

    /** Most devices a monitor snapshot lists (the first by id); the rest are counted and read over REST. */
    public static int monitorSnapshotMaxDevices() {
        return Setting.MONITOR_SNAPSHOT_MAX_DEVICES.intValue();
    }

    /** Most open alerts a monitor snapshot lists (the newest). */
    public static int monitorSnapshotMaxAlerts() {
        return Setting.MONITOR_SNAPSHOT_MAX_ALERTS.intValue();
    }

    /** Most monitor connections at once; more are refused with HTTP 503 before the upgrade. */
    public static int monitorMaxSessions() {
        return Setting.MONITOR_MAX_SESSIONS.intValue();
    }

    /** Frames (messages, their fragments, pongs) a device connection may send a second on average; 0: no limit. */
    public static int deviceMaxFramesPerSecond() {
        return Setting.DEVICE_MAX_FRAMES_PER_SECOND.intValue();
    }

    /** How many frames a device may send at once above its rate. */
    public static int deviceFrameBurst() {
        return Setting.DEVICE_FRAME_BURST.intValue();
    }

    /** Frames a monitor connection may send a second on average; 0: no limit. */
    public static int monitorMaxFramesPerSecond() {
        return Setting.MONITOR_MAX_FRAMES_PER_SECOND.intValue();
    }

    /** How many frames a monitor may send at once above its rate. */
    public static int monitorFrameBurst() {
        return Setting.MONITOR_FRAME_BURST.intValue();
    }

    /** A connection that has sent nothing for this long is pinged. */
    public static int wsPingIntervalSeconds() {
        return Setting.WS_PING_INTERVAL_SECONDS.intValue();
    }

    /** A connection that has sent nothing (not even a pong) for this long is closed with 1008. */
    public static int wsIdleTimeoutSeconds() {
        return Setting.WS_IDLE_TIMEOUT_SECONDS.intValue();
    }

    /** Most WebSocket connections (devices and monitors) from one source address; 0: no limit. */
    public static int maxConnectionsPerAddress() {
        return Setting.WS_MAX_CONNECTIONS_PER_ADDRESS.intValue();
    }

    /**
     * Origins (comma-separated, e.g. {@code https://ops.example.com}) whose
     * pages may open the monitor socket besides the server's own; {@code *}
     * allows any. Default: none but the server's own.
     */
    public static String monitorAllowedOrigins() {
        return Setting.MONITOR_ALLOWED_ORIGINS.text();
    }

    /** bcrypt cost (log2 of the rounds) for operators' passwords set from now on; 10 to 16 in production. */
    public static int operatorBcryptCost() {
        return Setting.OPERATOR_BCRYPT_COST.intValue();
    }

    /**
     * Whether this node is one of several sharing a database and a message
     * broker (README "Scaling out"): events then fan out to the other nodes.
     */
    public static boolean clusterEnabled() {
        return Setting.CLUSTER_ENABLED.booleanValue();
    }

    /**
     * How long a node waits for a missing event id (another node's event still
     * on its way over the bus) before its monitors go on without it.
     */
    public static int eventGapMillis() {
        return Setting.CLUSTER_EVENT_GAP_MILLIS.intValue();
    }

    /** How many event ids may wait behind a missing one before it is given up at once. */
    public static int eventMaxWaiting() {
        return Setting.CLUSTER_EVENT_MAX_WAITING.intValue();
    }

    /**
     * Hosts that notification channels may send to (comma-separated names,
     * {@code *.example.com} patterns, or CIDR blocks like {@code 10.0.0.0/8}).
     * Empty (the default): any host except link-local and cloud metadata
     * addresses, which are refused unless listed here.
     */
    public static String notificationsAllowedHosts() {
        return Setting.NOTIFICATIONS_ALLOWED_HOSTS.text();
    }

    /** How long a new notification waits for others of a burst to go out with it in one message. */
    public static int notificationsGroupWaitSeconds() {
        return Setting.NOTIFICATIONS_GROUP_WAIT_SECONDS.intValue();
    }

    /** How long a notification is retried before it is marked failed with its last error. */
    public static int notificationsMaxRetrySeconds() {
        return Setting.NOTIFICATIONS_MAX_RETRY_SECONDS.intValue();
    }

    /** The longest wait between two attempts at a notification (waits double from 1 s up to this). */
    public static int notificationsMaxBackoffSeconds() {
        return Setting.NOTIFICATIONS_MAX_BACKOFF_SECONDS.intValue();
    }

    /** How long one webhook call or mail submission may take before it counts as failed. */
    public static int notificationsTimeoutSeconds() {
        return Setting.NOTIFICATIONS_TIMEOUT_SECONDS.intValue();
    }

    /** Days that sent and failed notifications are kept for the page and the API. */
    public static int notificationsKeepDays() {
        return Setting.NOTIFICATIONS_KEEP_DAYS.intValue();
    }

    /** The page's address as people reach it, for links in notifications. */
    public static String publicUrl() {
        return Setting.PUBLIC_URL.text().replaceAll("/+$", "");
    }

    /** In a cluster, whether a node that cannot reach the broker says it is not ready (README "Scaling out"). */
    public static boolean brokerInReadiness() {
        return Setting.HEALTH_BROKER_IN_READINESS.booleanValue();
    }

    /** This node's name among the cluster's ({@code jboss.node.name}, unique per node). */
    public static String nodeName() {
        return System.getProperty("jboss.node.name", "vigil");
    }

    /**
     * A value given at start and not set by default (the first operator's name and password): a system
     * property, or the environment variable MicroProfile Config maps it from ({@code vigil.admin.user},
     * {@code VIGIL_ADMIN_USER}); null when neither is set.
     */
    public static String given(String property) {
        return Setting.config().getOptionalValue(property, String.class).filter(v -> !v.isBlank()).orElse(null);
    }

    /** Whether WebSocket upgrades that did not come over TLS are refused. */
    public static boolean wsRequireTls() {
        return Setting.WS_REQUIRE_TLS.booleanValue();
    }
}
