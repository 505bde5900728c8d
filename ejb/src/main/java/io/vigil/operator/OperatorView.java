package io.vigil.operator;

/** An operator as the REST API lists it: never the password hash. */
public record OperatorView(String username, String role, long createdAt, String createdBy) {
}
