package io.vigil.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

    @Test
    void onlyTheSameNameAndPasswordAreFoundAndOnlyUntilTheyExpire() {
        VerifiedCredentials cache = new VerifiedCredentials();
        cache.remember("admin", "right", "$2a$10$hash", 0);
        assertEquals("$2a$10$hash", cache.find("admin", "right", 1).passwordHash());
        assertNull(cache.find("admin", "wrong", 1));
        assertNull(cache.find("admin2", "right", 1));
        assertNull(cache.find("admi", "nright", 1), "name and password are kept apart");
        assertNull(cache.find("admin", "right", VerifiedCredentials.TTL_MILLIS));
    }

    @Test
    void aForgottenCredentialIsCheckedAgain() {
        VerifiedCredentials cache = new VerifiedCredentials();
        cache.remember("admin", "right", "h", 0);
        cache.forget("admin", "right");
        assertNull(cache.find("admin", "right", 0));
    }

    @Test
    void basicHeadersAreParsedAsRfc7617Says() {
        assertEquals(new BasicCredentials("admin", "pa:ss"), BasicCredentials.parse("Basic YWRtaW46cGE6c3M="));
        assertEquals(new BasicCredentials("admin", "pa:ss"), BasicCredentials.parse("basic YWRtaW46cGE6c3M="));
        assertNull(BasicCredentials.parse("Bearer abc"));
        assertNull(BasicCredentials.parse("Basic %%%"));
        assertNull(BasicCredentials.parse("Basic YWRtaW4="), "no colon");
        assertNull(BasicCredentials.parse(null));
    }
}
