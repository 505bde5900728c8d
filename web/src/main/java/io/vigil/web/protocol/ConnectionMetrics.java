package io.vigil.web.protocol;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.util.function.ToDoubleFunction;

/**
 * The WebSocket series at {@code /metrics}: open connections of each kind
 * ({@code vigil_device_connections}, {@code vigil_monitor_connections}) and
 * connections closed by kind and close code ({@code vigil_connections_closed_total}).
 */
@ApplicationScoped
public class ConnectionMetrics {

    private MeterRegistry registry;

    protected ConnectionMetrics() {
    }

    @Inject
    public ConnectionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /*
     * Only the registry's own methods here: WildFly's registry for applications exports what they register,
     * and keeps what a meter builder registers to itself. It holds a gauge's or counter's owner weakly, so the
     * owner must live as long as the application (a bean, a static).
     */

    /** Registers the gauge of open connections of a kind ({@code device}, {@code monitor}). */
    public <T> void open(String kind, T owner, ToDoubleFunction<T> count) {
        registry.gauge("vigil." + kind + ".connections", Tags.empty(), owner, count);
    }

    /** Registers a counter whose total {@code owner} keeps (read when scraped). */
    public <T> void counter(String name, T owner, ToDoubleFunction<T> total) {
        registry.more().counter(name, Tags.empty(), owner, total);
    }

    public void closed(String kind, CloseReason reason) {
        int code = reason == null ? CloseReason.CloseCodes.CLOSED_ABNORMALLY.getCode() : reason.getCloseCode().getCode();
        registry.counter("vigil.connections.closed", "kind", kind, "code", Integer.toString(code)).increment();
    }
}
