package io.vigil.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ApiRoleTest {

    @Test
    void readsAreForEveryoneSignedInChangesForOperatorsHealthForAnyone() {
        assertEquals(ApiRole.ANYONE, ApiRole.of("GET", "/api/health"));
        assertEquals(ApiRole.VIEWER, ApiRole.of("GET", "/api/devices"));
        assertEquals(ApiRole.VIEWER, ApiRole.of("HEAD", "/api/alerts"));
        assertEquals(ApiRole.OPERATOR, ApiRole.of("POST", "/api/notifications/channels"));
        assertEquals(ApiRole.OPERATOR, ApiRole.of("DELETE", "/api/rules/7"));
        assertEquals(ApiRole.OPERATOR, ApiRole.of("PATCH", "/api/devices/x"));
    }

    @Test
    void anyoneMayChangeTheirOwnPasswordButNothingElseOfAnAccount() {
        assertEquals(ApiRole.SELF, ApiRole.of("PUT", "/api/operators/{username}/password"));
        assertEquals(ApiRole.SELF, ApiRole.of("PUT", "/api/operators/alice/password"));
        assertEquals(ApiRole.OPERATOR, ApiRole.of("POST", "/api/operators/alice/password"));
        assertEquals(ApiRole.OPERATOR, ApiRole.of("DELETE", "/api/operators/alice"));
    }
}
