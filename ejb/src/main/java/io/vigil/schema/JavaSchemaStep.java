package io.vigil.schema;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * What every schema migration written in Java says of itself to Flyway: its
 * version, a description, a fixed checksum (the code is the migration), and
 * that it runs inside the migration's transaction. Subclasses write only
 * {@code migrate}.
 */
abstract class JavaSchemaStep implements JavaMigration {

    private final int version;
    private final String description;

    JavaSchemaStep(int version, String description) {
        this.version = version;
        this.description = description;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(String.valueOf(version));
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        return version;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }
}
