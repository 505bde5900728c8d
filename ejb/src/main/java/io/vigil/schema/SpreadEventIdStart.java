package io.vigil.schema;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 9: a new database's eventIds start at a random place in
 * [1.8 &times; 10^15, 2.8 &times; 10^15) instead of at 1.8 &times; 10^15 for
 * every database. A page that kept an id from another database (a restored
 * backup, a reset or rebuilt one, another installation) then almost surely
 * holds one that this database never issued and has no replay for, so its
 * {@code resume} gets a fresh snapshot instead of a replay of the wrong
 * events. A database that already handed out ids keeps its counter. Every
 * id stays below JavaScript's largest exact integer (2^53, about 9 &times; 10^15)
 * for as long as any installation can use them.
 */
public class SpreadEventIdStart extends JavaSchemaStep {

    static final long FIRST = 1_800_000_000_000_000L;
    static final long SPREAD = 1_000_000_000_000_000L;

    private final SecureRandom random = new SecureRandom();

    public SpreadEventIdStart() {
        super(9, "spread the event id start");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        try (PreparedStatement update = context.getConnection().prepareStatement(
                "UPDATE event_counter SET last_id = ? WHERE id = 1 AND last_id = ?")) {
            update.setLong(1, FIRST + (long) (random.nextDouble() * SPREAD));
            update.setLong(2, FIRST);
            update.executeUpdate();
        }
    }
}
