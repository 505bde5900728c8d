package io.vigil.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.operator.FirstOperator;
import io.vigil.operator.OperatorService;
import io.vigil.operator.PasswordHashing;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The first operator of a new installation, in the server: with no password
 * given (this server starts without {@code VIGIL_ADMIN_PASSWORD}), one is
 * generated, stored only as a bcrypt hash, and kept in an owner-only file
 * until it is changed.
 */
@ExtendWith(ArquillianExtension.class)
class OperatorServicesIT {

    @Deployment
    static EnterpriseArchive deployment() {
        return Deployments.vigilWith(OperatorServicesIT.class);
    }

    @Inject
    FirstOperator firstOperator;

    @Inject
    OperatorService operators;

    @Resource(lookup = "java:jboss/datasources/VigilDS")
    DataSource dataSource;

    @Test
    void anEmptyInstallationGetsAnOperatorWithAGeneratedPasswordThatIsForgottenOnceChanged() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().executeUpdate("DELETE FROM operator");
        }
        firstOperator.createWhenNone();

        Path file = Path.of(System.getProperty("jboss.server.data.dir"), "vigil", "initial-admin-password");
        assertTrue(Files.isRegularFile(file), file + " holds the generated password");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String password = Files.readString(file).strip();
        assertEquals(24, password.length(), "144 random bits");

        String hash;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT password_hash, role, created_by FROM operator WHERE username = ?")) {
            query.setString(1, FirstOperator.DEFAULT_USERNAME);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "the first operator exists");
                hash = row.getString(1);
                assertEquals("operator", row.getString(2));
                assertEquals("vigil", row.getString(3));
                assertFalse(row.next());
            }
        }
        assertTrue(hash.startsWith("$2a$"), "stored as bcrypt only");
        assertFalse(hash.contains(password));
        assertTrue(PasswordHashing.verify(hash, password));

        // Run again with an operator present: nothing changes.
        firstOperator.createWhenNone();
        assertEquals(1, operators.count());
        assertEquals(password, Files.readString(file).strip());

        operators.changePassword(FirstOperator.DEFAULT_USERNAME, "chosen-by-the-admin", FirstOperator.DEFAULT_USERNAME);
        assertFalse(Files.exists(file), "the generated password is forgotten once it no longer signs anyone in");
    }
}
