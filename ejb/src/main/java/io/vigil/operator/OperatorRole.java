package io.vigil.operator;

import java.util.Locale;
import java.util.Optional;

/**
 * What a signed-in operator may do. The names are the Elytron roles the
 * jdbc-realm hands to the web tier ({@code isUserInRole("operator")}).
 */
public enum OperatorRole {
    /** Watches, acknowledges alerts, sends commands, edits rules, registers and revokes devices, manages operators. */
    OPERATOR,
    /** Watches only. */
    VIEWER;

    /** The role's name as stored and as Elytron reports it: {@code operator}, {@code viewer}. */
    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<OperatorRole> fromName(String name) {
        for (OperatorRole role : values()) {
            if (role.roleName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
