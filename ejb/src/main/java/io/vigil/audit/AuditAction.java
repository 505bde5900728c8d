package io.vigil.audit;

/** The operator actions the audit log records; {@link #code()} is what is stored and listed. */
public enum AuditAction {
    ALERT_ACKNOWLEDGE("alert.acknowledge"),
    COMMAND_SEND("command.send"),
    RULE_CREATE("rule.create"),
    RULE_UPDATE("rule.update"),
    RULE_DELETE("rule.delete"),
    DEVICE_REGISTER("device.register"),
    DEVICE_TOKEN_ROTATE("device.token.rotate"),
    DEVICE_TOKEN_REVOKE("device.token.revoke"),
    DEVICE_TAGS("device.tags"),
    CHANNEL_CREATE("channel.create"),
    CHANNEL_UPDATE("channel.update"),
    CHANNEL_DELETE("channel.delete"),
    CHANNEL_TEST("channel.test"),
    ROUTE_CREATE("route.create"),
    ROUTE_UPDATE("route.update"),
    ROUTE_DELETE("route.delete"),
    SILENCE_CREATE("silence.create"),
    SILENCE_END("silence.end"),
    OPERATOR_CREATE("operator.create"),
    OPERATOR_DELETE("operator.delete"),
    OPERATOR_PASSWORD("operator.password");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
