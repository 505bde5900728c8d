package io.vigil.operator;

import io.vigil.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;
import org.wildfly.security.password.util.ModularCrypt;

/**
 * Operators' passwords as bcrypt hashes in modular crypt form
 * ({@code $2a$12$...}), made with Elytron's own bcrypt so that the jdbc-realm
 * that checks sign-ins reads them as they are. The cost (log2 rounds, default
 * 12, {@code vigil.operator.bcryptCost}) makes each guess cost about a quarter
 * of a second of CPU. Passwords are 10 to 72 bytes: bcrypt ignores what
 * follows the 72nd byte, so a longer one is refused rather than silently cut.
 */
public final class PasswordHashing {

    public static final int MIN_CHARS = 10;
    public static final int MAX_BYTES = 72;

    private static final WildFlyElytronPasswordProvider PROVIDER = WildFlyElytronPasswordProvider.getInstance();
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashing() {
    }

    /** Checks the password rules, then hashes it. */
    public static String hash(String password, int cost) {
        check(password);
        byte[] salt = new byte[BCryptPassword.BCRYPT_SALT_SIZE];
        RANDOM.nextBytes(salt);
        try {
            Password hashed = factory().generatePassword(new EncryptablePasswordSpec(password.toCharArray(),
                    new IteratedSaltedPasswordAlgorithmSpec(cost, salt)));
            return ModularCrypt.encodeAsString(hashed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt is not available", e);
        }
    }

    /** Whether the password matches a hash made by {@link #hash}. */
    public static boolean verify(String hash, String password) {
        try {
            PasswordFactory factory = factory();
            Password stored = factory.translate(ModularCrypt.decode(hash));
            return factory.verify(stored, password.toCharArray());
        } catch (InvalidKeySpecException | IllegalArgumentException e) {
            return false; // not a bcrypt hash in modular crypt form
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt is not available", e);
        }
    }

    /** @throws InvalidInputException when the password is too short or too long for bcrypt */
    public static void check(String password) {
        if (password == null || password.length() < MIN_CHARS) {
            throw new InvalidInputException("password must be at least " + MIN_CHARS + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidInputException("password must be at most " + MAX_BYTES + " bytes in UTF-8");
        }
    }

    private static PasswordFactory factory() throws GeneralSecurityException {
        return PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
    }
}
