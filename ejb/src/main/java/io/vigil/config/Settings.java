package io.vigil.config;

/**
 * Vigil's tunables, read from system properties so that operators set them in
 * the server configuration ({@code -Dvigil.x=y} or the CLI's system-property
 * resource) without rebuilding. Every default is documented in the README.
 */
public final class Settings {

    private Settings() {
    }

    /** Readings waiting for the database before the server stops reading from devices (their acks wait). */
    public static int ingestQueueCapacity() {
        return intValue("vigil.ingest.queueCapacity", 20_000);
    }

    /** Most readings written in one database transaction. */
    public static int ingestMaxBatch() {
        return intValue("vigil.ingest.maxBatch", 2_000);
    }

    /** Writer threads, each with its own queue; a device always goes to the same one. */
    public static int ingestWriters() {
        return intValue("vigil.ingest.writers", 1);
    }

    /**
     * Readings of one device connection that may wait in the server, past twice
     * {@link #ingestMaxUnackedPerDevice()}, because the container had read them
     * before the pause took effect; past it the connection is closed with 1008.
     */
    public static int ingestMaxParkedPerDevice() {
        return intValue("vigil.ingest.maxParkedPerDevice", 50_000);
    }

    /** Readings a device connection may have waiting for storage before the server stops reading from it. */
    public static int ingestMaxUnackedPerDevice() {
        return intValue("vigil.ingest.maxUnackedPerDevice", 2_000);
    }

    /** Readings older than this many days are deleted by the retention timer; 0 keeps them for ever. */
    public static int retentionDays() {
        return intValue("vigil.retention.days", 30);
    }

    /** A device silent for longer than this raises the built-in offline alert. */
    public static int deviceOfflineAfterSeconds() {
        return intValue("vigil.device.offlineAfterSeconds", 60);
    }

    /** The largest text frame a WebSocket peer may send; bigger ones close the connection with 1009. */
    public static int maxMessageBytes() {
        return intValue("vigil.ws.maxMessageBytes", 64 * 1024);
    }

    /** Alert and device events a monitor may have waiting before it is closed with 1013. */
    public static int monitorMaxPendingEvents() {
        return intValue("vigil.monitor.maxPendingEvents", 5_000);
    }

    /** How long a monitor may leave unread what it was sent (a ping unanswered) before it is closed with 1013. */
    public static int monitorSendTimeoutSeconds() {
        return intValue("vigil.monitor.sendTimeoutSeconds", 10);
    }

    /** About how many bytes a monitor may have unread before its readings are conflated instead of sent. */
    public static int monitorWindowBytes() {
        return intValue("vigil.monitor.windowBytes", 1024 * 1024);
    }

    /** Alert and device events kept for monitors that reconnect and {@code resume}. */
    public static int monitorReplayEvents() {
        return intValue("vigil.monitor.replayEvents", 10_000);
    }

    /** How long a device has to answer an operator's command before it ends as TIMEOUT (checked every 5 s). */
    public static int commandTimeoutSeconds() {
        return intValue("vigil.command.timeoutSeconds", 30);
    }

    /** Most devices a monitor snapshot lists (the first by id); the rest are counted and read over REST. */
    public static int monitorSnapshotMaxDevices() {
        return intValue("vigil.monitor.snapshotMaxDevices", 5_000);
    }

    /** Most open alerts a monitor snapshot lists (the newest). */
    public static int monitorSnapshotMaxAlerts() {
        return intValue("vigil.monitor.snapshotMaxAlerts", 1_000);
    }

    /** Most monitor connections at once; more are refused with HTTP 503 before the upgrade. */
    public static int monitorMaxSessions() {
        return intValue("vigil.monitor.maxSessions", 200);
    }

    /** Frames (messages, their fragments, pongs) a device connection may send a second on average; 0: no limit. */
    public static int deviceMaxFramesPerSecond() {
        return intValue("vigil.device.maxFramesPerSecond", 1_000);
    }

    /** How many frames a device may send at once above its rate. */
    public static int deviceFrameBurst() {
        return intValue("vigil.device.frameBurst", 2_000);
    }

    /** Frames a monitor connection may send a second on average; 0: no limit. */
    public static int monitorMaxFramesPerSecond() {
        return intValue("vigil.monitor.maxFramesPerSecond", 20);
    }

    /** How many frames a monitor may send at once above its rate. */
    public static int monitorFrameBurst() {
        return intValue("vigil.monitor.frameBurst", 200);
    }

    /** A connection that has sent nothing for this long is pinged. */
    public static int wsPingIntervalSeconds() {
        return intValue("vigil.ws.pingIntervalSeconds", 30);
    }

    /** A connection that has sent nothing (not even a pong) for this long is closed with 1008. */
    public static int wsIdleTimeoutSeconds() {
        return intValue("vigil.ws.idleTimeoutSeconds", 90);
    }

    /** Most WebSocket connections (devices and monitors) from one source address; 0: no limit. */
    public static int maxConnectionsPerAddress() {
        return intValue("vigil.ws.maxConnectionsPerAddress", 1_000);
    }

    /**
     * Origins (comma-separated, e.g. {@code https://ops.example.com}) whose
     * pages may open the monitor socket besides the server's own; {@code *}
     * allows any. Default: none but the server's own.
     */
    public static String monitorAllowedOrigins() {
        String value = System.getProperty("vigil.monitor.allowedOrigins");
        return value == null ? "" : value;
    }

    /** bcrypt cost (log2 of the rounds) for operators' passwords set from now on; 10 to 16 in production. */
    public static int operatorBcryptCost() {
        return intValue("vigil.operator.bcryptCost", 10);
    }

    /**
     * Whether this node is one of several sharing a database and a message
     * broker (README "Scaling out"): events then fan out to the other nodes.
     */
    public static boolean clusterEnabled() {
        return Boolean.parseBoolean(System.getProperty("vigil.cluster.enabled", "false"));
    }

    /**
     * How long a node waits for a missing event id (another node's event still
     * on its way over the bus) before its monitors go on without it.
     */
    public static int eventGapMillis() {
        return intValue("vigil.cluster.eventGapMillis", 3_000);
    }

    /** How many event ids may wait behind a missing one before it is given up at once. */
    public static int eventMaxWaiting() {
        return intValue("vigil.cluster.eventMaxWaiting", 200_000);
    }

    /**
     * Hosts that notification channels may send to (comma-separated names,
     * {@code *.example.com} patterns, or CIDR blocks like {@code 10.0.0.0/8}).
     * Empty (the default): any host except link-local and cloud metadata
     * addresses, which are refused unless listed here.
     */
    public static String notificationsAllowedHosts() {
        String value = System.getProperty("vigil.notifications.allowedHosts");
        return value == null ? "" : value;
    }

    /** How long a new notification waits for others of a burst to go out with it in one message. */
    public static int notificationsGroupWaitSeconds() {
        return intValue("vigil.notifications.groupWaitSeconds", 3);
    }

    /** How long a notification is retried before it is marked failed with its last error. */
    public static int notificationsMaxRetrySeconds() {
        return intValue("vigil.notifications.maxRetrySeconds", 6 * 3600);
    }

    /** The longest wait between two attempts at a notification (waits double from 1 s up to this). */
    public static int notificationsMaxBackoffSeconds() {
        return intValue("vigil.notifications.maxBackoffSeconds", 300);
    }

    /** How long one webhook call or mail submission may take before it counts as failed. */
    public static int notificationsTimeoutSeconds() {
        return intValue("vigil.notifications.timeoutSeconds", 10);
    }

    /** Days that sent and failed notifications are kept for the page and the API. */
    public static int notificationsKeepDays() {
        return intValue("vigil.notifications.keepDays", 30);
    }

    /** The page's address as people reach it, for links in notifications. */
    public static String publicUrl() {
        String value = System.getProperty("vigil.publicUrl");
        return value == null || value.isBlank() ? "http://localhost:8080" : value.strip().replaceAll("/+$", "");
    }

    /** In a cluster, whether a node that cannot reach the broker says it is not ready (README "Scaling out"). */
    public static boolean brokerInReadiness() {
        return Boolean.parseBoolean(System.getProperty("vigil.health.brokerInReadiness", "true"));
    }

    /** This node's name among the cluster's ({@code jboss.node.name}, unique per node). */
    public static String nodeName() {
        return System.getProperty("jboss.node.name", "vigil");
    }

    /** A system property, else the environment variable, else null (for secrets given at start). */
    public static String propertyOrEnv(String property, String environmentVariable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environmentVariable);
        }
        return value == null || value.isBlank() ? null : value;
    }

    public static int intValue(String name, int defaultValue) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("System property " + name + " must be an integer, got '" + value + "'", e);
        }
    }
}
