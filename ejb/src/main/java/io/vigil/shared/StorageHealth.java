package io.vigil.shared;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Whether the database answers, for the health endpoint. */
@Stateless
public class StorageHealth {

    private static final Logger LOG = Logger.getLogger(StorageHealth.class.getName());

    @PersistenceContext(unitName = "vigil")
    EntityManager em;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean reachable() {
        try {
            em.createQuery("SELECT COUNT(d) FROM Device d").getSingleResult();
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Database health check failed", e);
            return false;
        }
    }
}
