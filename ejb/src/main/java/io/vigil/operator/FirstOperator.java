package io.vigil.operator;

import io.vigil.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Makes sure someone can sign in to a new installation, with no password
 * that ships with Vigil. At start, when there is no operator at all, it
 * creates one with the {@code operator} role:
 * <ul>
 * <li>named {@code VIGIL_ADMIN_USER} (default {@code admin}), with the
 * password in {@code VIGIL_ADMIN_PASSWORD} (or the system properties
 * {@code vigil.admin.user} / {@code vigil.admin.password}) when one is given;</li>
 * <li>else with a generated password, printed once in the server log and
 * written, readable by the server's user only, to
 * {@code <server data dir>/vigil/initial-admin-password}. The file is
 * deleted when that operator changes the password.</li>
 * </ul>
 * An installation that already has operators is left alone, whatever the
 * variables say.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class FirstOperator {

    public static final String DEFAULT_USERNAME = "admin";
    private static final Logger LOG = Logger.getLogger(FirstOperator.class.getName());

    @Inject
    OperatorService operators;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void atStart() {
        createWhenNone();
    }

    /** Creates the first operator when there is none; does nothing otherwise. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // each service call commits on its own
    public void createWhenNone() {
        if (operators.count() > 0) {
            return;
        }
        String name = Settings.given("vigil.admin.user");
        String username = name == null ? DEFAULT_USERNAME : name.strip();
        String given = Settings.given("vigil.admin.password");
        String password = given != null ? given : InitialPassword.generate();
        try {
            operators.create(username, password, OperatorRole.OPERATOR.roleName(), "vigil");
        } catch (RuntimeException e) {
            if (operators.count() > 0) {
                return; // another node of a cluster created it at the same moment
            }
            throw e;
        }
        if (given != null) {
            LOG.info("Created the first operator '" + username + "' with the password from VIGIL_ADMIN_PASSWORD");
            return;
        }
        Path file = InitialPassword.write(password);
        LOG.warning("\n\n*************************************************************\n"
                + "  Vigil has no operator yet: created '" + username + "' with the password\n\n"
                + "      " + password + "\n\n"
                + "  This is shown once. It is also in " + file + "\n"
                + "  (deleted when the password is changed). Sign in and change it:\n"
                + "  PUT /api/operators/" + username + "/password\n"
                + "*************************************************************\n");
    }

}
