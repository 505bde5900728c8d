package io.vigil.web.device;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any Authorization header yields no token or a plausible one, never an exception. */
class BearerTokenFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void anyHeaderYieldsNothingOrAPlausibleToken(byte[] data) {
        String header = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
        String token = BearerToken.from(header);
        if (token != null) {
            assertTrue(!token.isEmpty() && token.length() <= BearerToken.MAX_LENGTH);
            assertTrue(token.chars().allMatch(c -> c > ' ' && c < 0x7f), token);
        }
    }
}
