package io.vigil.schema;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.config.Settings;
import io.vigil.shared.KeepRunning;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Keeps the embedded H2 file near the size of its data. Vigil opens H2 with
 * {@code WRITE_DELAY=0}, so every commit is in the file before a device is
 * acked; but that also turns off H2's background writer, and with it the
 * store's own housekeeping. Each commit writes a new chunk of the pages it
 * changed; the readings' pages in it stay live for good while the rest is
 * replaced by the next commits, so without housekeeping the file fills with
 * chunks that are mostly dead and never rewritten (measured: 7% live, 2.5 to
 * 10 KB of file per reading; PostgreSQL takes about 320 bytes).
 *
 * <p>So this does what H2's housekeeping would: every
 * {@code vigil.h2.compactEverySeconds} it asks the store to rewrite the live
 * pages of chunks that are mostly dead ({@link MVStore#compact}), once less
 * than {@code vigil.h2.compactBelowFillPercent} of the chunks is live, and
 * lets H2 reuse a replaced chunk's space after
 * {@code vigil.h2.retentionMillis} (H2's default is 45 s, which at hundreds of
 * commits a second keeps a gigabyte of dead chunks). Nothing of this runs on
 * PostgreSQL.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class H2Housekeeping {

    private static final Logger LOG = Logger.getLogger(H2Housekeeping.class.getName());
    /** The most one compaction rewrites, so that commits never wait long for the store. */
    private static final int WRITE_LIMIT_BYTES = 8 << 20;

    @Resource(lookup = "java:jboss/datasources/VigilDS")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    MeterRegistry registry;

    private final int fillPercent = Settings.h2CompactBelowFillPercent();
    private ScheduledFuture<?> task;

    @PostConstruct
    void start() {
        MVStore store = store();
        if (store == null) {
            return;  // not H2 (or an in-memory one)
        }
        store.setRetentionTime(Settings.h2RetentionMillis());
        registry.gauge("vigil.h2.file.bytes", this, H2Housekeeping::fileBytes);
        registry.gauge("vigil.h2.chunks.live.percent", this, H2Housekeeping::livePercent);
        int every = Settings.h2CompactEverySeconds();
        if (every > 0) {
            task = scheduler.scheduleWithFixedDelay(KeepRunning.guard("The H2 file's compaction", this::compact),
                    every, every, TimeUnit.SECONDS);
        }
        LOG.info(() -> "Embedded H2 file: " + (store.getFileStore().size() >> 20) + " MiB, "
                + store.getFileStore().getChunksFillRate() + "% of its chunks live; "
                + (every > 0 ? "compacted every " + every + " s below " + fillPercent + "%" : "never compacted")
                + ", replaced chunks reused after " + Settings.h2RetentionMillis() + " ms");
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void compact() {
        MVStore store = store();
        if (store != null && !store.isClosed() && store.getFileStore().getChunksFillRate() < fillPercent) {
            store.compact(fillPercent, WRITE_LIMIT_BYTES);
        }
    }

    private double fileBytes() {
        MVStore store = store();
        return store == null || store.isClosed() ? Double.NaN : store.getFileStore().size();
    }

    private double livePercent() {
        MVStore store = store();
        return store == null || store.isClosed() ? Double.NaN : store.getFileStore().getChunksFillRate();
    }

    /** H2's store behind the data source, or null when the data source is not an embedded H2 file. */
    private MVStore store() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)
                    || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
                return null;
            }
            var store = session.getDatabase().getStore();
            return store == null || store.getMvStore().getFileStore() == null ? null : store.getMvStore();
        } catch (SQLException e) {
            return null;
        }
    }
}
