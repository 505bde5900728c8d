package io.vigil.operator;

/** An operator's password hash (bcrypt, modular crypt form) and role as stored now. */
public record StoredCredential(String passwordHash, OperatorRole role) {
}
