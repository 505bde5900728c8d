package io.vigil.device;

import java.util.regex.Pattern;

/** The wire contract's rule for device ids and metric names: 1-64 characters of [A-Za-z0-9_.-]. */
public final class DeviceIds {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private DeviceIds() {
    }

    public static boolean isValid(String candidate) {
        return candidate != null && NAME.matcher(candidate).matches();
    }
}
