package io.vigil.it;

import java.util.UUID;

/** Small helpers for the in-server tests. */
final class ServicesSupport {

    private ServicesSupport() {
    }

    /** A device id no other test uses. */
    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
