package io.vigil.web.device;

import io.vigil.command.CommandService;
import io.vigil.device.DevicePresence;
import io.vigil.device.DeviceService;
import io.vigil.telemetry.TelemetryIngest;
import io.vigil.web.protocol.ConnectionMetrics;
import io.vigil.web.security.ConnectionGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * The services every device connection uses, injected once for all of them.
 * Left to the container, each {@link DeviceEndpoint} would be injected on its
 * own: WildFly makes every endpoint instance a managed object with a Weld
 * creational context, and every session bean injected into it
 * ({@link DeviceService}, {@link CommandService}) gets a proxy chain of its
 * own, all held as long as the connection is open (class histogram of the
 * server holding 15,000 idle devices: about 2 KB of 12.9 KB per
 * connection). {@link Configurator} makes endpoints with plain {@code new}
 * instead and hands them this bean's references, which every connection
 * shares.
 */
@ApplicationScoped
public class DeviceEndpointServices {

    @Inject
    DeviceService devices;

    @Inject
    DevicePresence presence;

    @Inject
    DeviceConnections connections;

    @Inject
    TelemetryIngest ingest;

    @Inject
    CommandService commands;

    @Inject
    ConnectionGuard guard;

    @Inject
    ConnectionMetrics metrics;

    DeviceService devices() {
        return devices;
    }

    DevicePresence presence() {
        return presence;
    }

    DeviceConnections connections() {
        return connections;
    }

    TelemetryIngest ingest() {
        return ingest;
    }

    CommandService commands() {
        return commands;
    }

    ConnectionGuard guard() {
        return guard;
    }

    ConnectionMetrics metrics() {
        return metrics;
    }

    /**
     * Makes each {@link DeviceEndpoint} with the application's one
     * {@link DeviceEndpointServices} (the container creates one configurator
     * per endpoint class and calls it for every connection).
     */
    public static final class Configurator extends ServerEndpointConfig.Configurator {

        private volatile DeviceEndpointServices services;

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
            if (endpointClass != DeviceEndpoint.class) {
                throw new InstantiationException(endpointClass.getName() + " is not made by this configurator");
            }
            DeviceEndpointServices shared = services;
            if (shared == null) {
                shared = CDI.current().select(DeviceEndpointServices.class).get();
                services = shared;
            }
            return endpointClass.cast(new DeviceEndpoint(shared));
        }
    }
}
