package io.vigil.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeviceTokensTest {

    @Test
    void tokensAreLongRandomAndStoredOnlyAsTheirHash() {
        String token = DeviceTokens.newToken();
        assertEquals(43, token.length(), "256 bits, base64url without padding");
        assertNotEquals(token, DeviceTokens.newToken());
        String hash = DeviceTokens.hash(token);
        assertEquals(64, hash.length());
        assertFalse(hash.contains(token));
        assertEquals(hash, DeviceTokens.hash(token));
    }

    @Test
    void deviceIdsFollowTheContract() {
        assertTrue(DeviceIds.isValid("pump-7"));
        assertTrue(DeviceIds.isValid("a.b_c-D9"));
        assertTrue(DeviceIds.isValid("x".repeat(64)));
        assertFalse(DeviceIds.isValid("x".repeat(65)));
        assertFalse(DeviceIds.isValid(""));
        assertFalse(DeviceIds.isValid(null));
        assertFalse(DeviceIds.isValid("pump 7"));
        assertFalse(DeviceIds.isValid("pump/7"));
        assertFalse(DeviceIds.isValid("pümp"));
    }
}
