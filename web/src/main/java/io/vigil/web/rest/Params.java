package io.vigil.web.rest;

import io.vigil.shared.InvalidInputException;

/** Checks of query parameters shared by the resources. */
final class Params {

    private Params() {
    }

    static int limit(Integer requested, int defaultLimit, int max) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1 || requested > max) {
            throw new InvalidInputException("limit must be between 1 and " + max);
        }
        return requested;
    }

    static <T> T required(T value, String name) {
        if (value == null) {
            throw new InvalidInputException(name + " is required");
        }
        return value;
    }
}
