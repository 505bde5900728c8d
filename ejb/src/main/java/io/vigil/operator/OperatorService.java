package io.vigil.operator;

import io.vigil.audit.AuditAction;
import io.vigil.audit.AuditLog;
import io.vigil.config.Settings;
import io.vigil.shared.InvalidInputException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operators who may sign in and what each may do. Passwords are stored
 * only as bcrypt hashes ({@link PasswordHashing}); WildFly Elytron checks
 * sign-ins against the same table. Every change is in the audit log.
 */
@Stateless
public class OperatorService {

    /** {@code GET /api/operators/me} is the caller, so no operator may be called that. */
    private static final String RESERVED = "me";
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    @Inject
    AuditLog audit;

    public List<OperatorView> list() {
        return em.createQuery("SELECT o FROM Operator o ORDER BY o.username", Operator.class)
                .getResultStream().map(Operator::view).toList();
    }

    /** The operator's role, or empty when there is no such operator (any more). */
    public Optional<OperatorRole> role(String username) {
        return Optional.ofNullable(username == null ? null : em.find(Operator.class, username))
                .flatMap(o -> OperatorRole.fromName(o.view().role()));
    }

    /**
     * The operator's current password hash and role, or empty when there is
     * no such operator (any more): lets a credential verified earlier be
     * checked against what holds now without another bcrypt.
     */
    public Optional<StoredCredential> credential(String username) {
        Operator operator = username == null ? null : em.find(Operator.class, username);
        if (operator == null) {
            return Optional.empty();
        }
        return OperatorRole.fromName(operator.view().role())
                .map(role -> new StoredCredential(operator.passwordHash(), role));
    }

    public long count() {
        return em.createQuery("SELECT COUNT(o) FROM Operator o", Long.class).getSingleResult();
    }

    /**
     * Adds an operator.
     *
     * @throws InvalidInputException when the name, password or role breaks the rules
     * @throws OperatorExistsException when the name is taken
     */
    public OperatorView create(String username, String password, String role, String actor) {
        if (username == null || !USERNAME.matcher(username).matches() || RESERVED.equals(username)) {
            throw new InvalidInputException("username must be 1-64 characters of [A-Za-z0-9_.@-], and not '" + RESERVED + "'");
        }
        OperatorRole parsed = OperatorRole.fromName(role)
                .orElseThrow(() -> new InvalidInputException("role must be 'operator' or 'viewer'"));
        String hash = PasswordHashing.hash(password, Settings.operatorBcryptCost());
        if (em.find(Operator.class, username) != null) {
            throw new OperatorExistsException(username);
        }
        Operator operator = new Operator(username, hash, parsed, System.currentTimeMillis(), actor);
        em.persist(operator);
        audit.record(actor, AuditAction.OPERATOR_CREATE, username, "role " + parsed.roleName());
        return operator.view();
    }

    /**
     * Sets a new password; the old one stops working at the next sign-in.
     *
     * @throws UnknownOperatorException when there is no such operator
     */
    public void changePassword(String username, String password, String actor) {
        String hash = PasswordHashing.hash(password, Settings.operatorBcryptCost());
        Operator operator = find(username);
        InitialPassword.forget(operator.passwordHash());
        operator.setPasswordHash(hash);
        audit.record(actor, AuditAction.OPERATOR_PASSWORD, username, null);
    }

    /**
     * Removes an operator. The last operator with the {@code operator} role
     * cannot be removed: nobody could manage Vigil any more.
     *
     * @throws UnknownOperatorException when there is no such operator
     */
    public void delete(String username, String actor) {
        Operator operator = find(username);
        if (operator.view().role().equals(OperatorRole.OPERATOR.roleName())) {
            // Lock every operator row, so two removals at once cannot both see "one left".
            long operators = em.createQuery("SELECT o FROM Operator o WHERE o.role = :role", Operator.class)
                    .setParameter("role", OperatorRole.OPERATOR.roleName())
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList().size();
            if (operators <= 1) {
                throw new InvalidInputException("the last operator with the operator role cannot be removed");
            }
        }
        em.remove(operator);
        audit.record(actor, AuditAction.OPERATOR_DELETE, username, null);
    }

    private Operator find(String username) {
        Operator operator = username == null ? null : em.find(Operator.class, username);
        if (operator == null) {
            throw new UnknownOperatorException(username);
        }
        return operator;
    }
}
