package io.vigil.alert;

/** Where an alert comes from: a threshold rule, or the built-in offline check. */
public enum AlertKind {
    THRESHOLD, OFFLINE
}
