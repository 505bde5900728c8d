package io.vigil.alert;

/** How urgent an alert is. */
public enum Severity {
    INFO, WARNING, CRITICAL
}
