package io.vigil.alert;

/**
 * Whether a silence covers a device now. {@link AlertService} asks when it
 * raises an alert and stores the answer with it ({@code silenced}); the
 * silences themselves live above alerts ({@code notification.Silences}
 * implements this), so the alert package does not depend on them.
 */
public interface MuteCheck {

    boolean isMuted(String deviceId, long at);
}
