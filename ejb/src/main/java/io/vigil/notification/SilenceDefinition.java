package io.vigil.notification;

import io.vigil.device.DeviceIds;
import io.vigil.device.Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * A silence as an operator writes it: a device or a tag selector (at least
 * one), a window, and why. A window may start in the future; it must end after
 * it starts, in the future, and within a year.
 */
public record SilenceDefinition(String deviceId, Tags selector, long startsAt, long endsAt, String comment) {

    public static final int MAX_COMMENT_LENGTH = 1000;
    public static final long MAX_WINDOW_MILLIS = 366L * 24 * 3600 * 1000;

    public List<String> problems(long now) {
        List<String> problems = new ArrayList<>();
        if (deviceId != null && !DeviceIds.isValid(deviceId)) {
            problems.add("deviceId must be 1-64 characters of [A-Za-z0-9_.-]");
        }
        if (deviceId == null && selector.isEmpty()) {
            problems.add("give a deviceId or a selector: a silence of every device would mute all notifications");
        }
        if (endsAt <= startsAt) {
            problems.add("endsAt must be after startsAt");
        } else if (endsAt <= now) {
            problems.add("endsAt must be in the future");
        } else if (endsAt - startsAt > MAX_WINDOW_MILLIS) {
            problems.add("a silence may last at most 366 days");
        }
        if (comment == null || comment.isBlank() || comment.length() > MAX_COMMENT_LENGTH) {
            problems.add("comment must be 1-" + MAX_COMMENT_LENGTH + " characters: say why notifications are muted");
        }
        return problems;
    }
}
