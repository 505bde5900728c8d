package io.vigil.alert;

/** An alert's lifecycle: ACTIVE, then ACKNOWLEDGED by an operator, then CLEARED when its condition is over. */
public enum AlertState {
    ACTIVE, ACKNOWLEDGED, CLEARED
}
