package io.vigil.alert;

/** Fired inside the transaction that raised, acknowledged or cleared an alert; pushed after the commit. */
public record AlertChanged(AlertView alert) {
}
