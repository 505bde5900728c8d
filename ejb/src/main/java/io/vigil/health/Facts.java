package io.vigil.health;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/** The checks' way to {@link HealthFacts}: looked up once, then kept (the EJB proxy stays valid while deployed). */
final class Facts {

    private static volatile HealthFacts facts;

    private Facts() {
    }

    static HealthFacts get() {
        HealthFacts found = facts;
        if (found == null) {
            try {
                found = InitialContext.doLookup(HealthFacts.JNDI_NAME);
            } catch (NamingException e) {
                throw new IllegalStateException("the health facts are not bound at " + HealthFacts.JNDI_NAME, e);
            }
            facts = found;
        }
        return found;
    }
}
