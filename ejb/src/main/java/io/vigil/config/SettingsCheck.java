package io.vigil.config;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Reads every {@link Setting} when Vigil is deployed, before anything uses
 * one: a value it does not allow fails the deployment, with every such
 * setting named (property, value, what is allowed) in the server log, rather
 * than a server that runs on something nobody meant.
 */
@Singleton
@Startup
public class SettingsCheck {

    private static final Logger LOG = Logger.getLogger(SettingsCheck.class.getName());

    @PostConstruct
    void check() {
        List<String> problems = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            try {
                setting.check();
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(LOG::severe);
            throw new IllegalStateException("Vigil is not started: " + String.join("; ", problems));
        }
    }
}
