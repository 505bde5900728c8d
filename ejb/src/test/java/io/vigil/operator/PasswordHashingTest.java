package io.vigil.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

class PasswordHashingTest {

    @Test
    void hashIsSaltedBcryptInModularCryptFormAndVerifies() {
        String first = PasswordHashing.hash("correct horse battery", 10);
        String second = PasswordHashing.hash("correct horse battery", 10);
        assertTrue(first.startsWith("$2a$10$"), first);
        assertEquals(60, first.length(), first);
        assertNotEquals(first, second, "each hash has its own salt");
        assertTrue(PasswordHashing.verify(first, "correct horse battery"));
        assertTrue(PasswordHashing.verify(second, "correct horse battery"));
        assertFalse(PasswordHashing.verify(first, "correct horse battery!"));
        assertFalse(PasswordHashing.verify(first, ""));
    }

    @Test
    void aHashMadeElsewhereWithTheStandardAlgorithmVerifies() {
        // The bcrypt reference value for "password" with cost 5, as other tools write it.
        String reference = "$2a$05$bvIG6Nmid91Mu9RcmmWZfO5HJIMCT8riNW0hEp8f6/FuA2/mHZFpe";
        assertTrue(PasswordHashing.verify(reference, "password"));
        assertFalse(PasswordHashing.verify(reference, "Password"));
    }

    @Test
    void garbageHashNeverVerifies() {
        assertFalse(PasswordHashing.verify("$2a$10$short", "whatever-password"));
    }

    @Test
    void tooShortAndTooLongPasswordsAreRefused() {
        assertThrows(InvalidInputException.class, () -> PasswordHashing.hash("short", 10));
        assertThrows(InvalidInputException.class, () -> PasswordHashing.hash(null, 10));
        assertThrows(InvalidInputException.class, () -> PasswordHashing.hash("x".repeat(73), 10));
        // 72 bytes is the most bcrypt reads; 36 two-byte characters are exactly that.
        assertTrue(PasswordHashing.verify(PasswordHashing.hash("é".repeat(36), 4), "é".repeat(36)));
    }

    @Test
    void costTenTakesTensOfMillisecondsPerCheck() {
        String hash = PasswordHashing.hash("correct horse battery", 10);
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            PasswordHashing.verify(hash, "correct horse battery");
        }
        System.out.printf("bcrypt cost 10: %.1f ms per check%n", (System.nanoTime() - start) / 5e6);
    }
}
