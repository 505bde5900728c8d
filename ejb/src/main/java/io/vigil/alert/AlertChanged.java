package io.vigil.alert;

/** Published through {@link io.vigil.shared.AfterCommit} when an alert is raised, acknowledged or cleared. */
public record AlertChanged(AlertView alert) {
}
