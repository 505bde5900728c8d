package io.vigil.web.device;

import io.vigil.command.CommandService;
import io.vigil.config.Settings;
import io.vigil.device.DevicePresence;
import io.vigil.device.DeviceService;
import io.vigil.telemetry.IngestChannel;
import io.vigil.telemetry.IngestOverloadedException;
import io.vigil.telemetry.IngestResult;
import io.vigil.telemetry.StorageRefusedException;
import io.vigil.telemetry.StorageUnavailableException;
import io.vigil.telemetry.TelemetryIngest;
import io.vigil.web.protocol.AsyncTextSender;
import io.vigil.web.protocol.Closing;
import io.vigil.web.protocol.ConnectionMetrics;
import io.vigil.web.protocol.MessageRate;
import io.vigil.web.protocol.MessageSize;
import io.vigil.web.protocol.ProtocolViolation;
import io.vigil.web.protocol.ReceiveControl;
import io.vigil.web.protocol.ReceiveHolds;
import io.vigil.web.protocol.TextAssembler;
import io.vigil.web.security.ConnectionGuard;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where a reading enters Vigil. The device was authenticated before the
 * upgrade ({@link DeviceHandshakeFilter}); here a frame is decoded, handed to
 * {@link TelemetryIngest}, and answered with {@code ack} once it is committed.
 * Back-pressure is {@link DeviceFlow}'s. Instances are made by
 * {@link DeviceEndpointServices.Configurator}, not injected: a connection
 * holds only what is its own.
 */
@ServerEndpoint(value = "/ws/devices/{deviceId}", subprotocols = "vigil.v1",
        configurator = DeviceEndpointServices.Configurator.class)
public class DeviceEndpoint {

    private static final Logger LOG = Logger.getLogger(DeviceEndpoint.class.getName());

    private final DeviceService devices;
    private final DevicePresence presence;
    private final DeviceConnections connections;
    private final TelemetryIngest ingest;
    private final CommandService commands;
    private final ConnectionGuard guard;
    private final ConnectionMetrics metrics;
    private Session session;
    private String deviceId;
    private IngestChannel channel;
    private DeviceFlow flow;
    private DeviceOutbox outbox;
    private AsyncTextSender sender;
    private DeviceLink link;
    private final TextAssembler assembler = new TextAssembler(MessageSize.limitBytes());
    private final MessageRate rate = new MessageRate(Settings.deviceMaxFramesPerSecond(), Settings.deviceFrameBurst(),
            System.nanoTime());

    DeviceEndpoint(DeviceEndpointServices services) {
        devices = services.devices();
        presence = services.presence();
        connections = services.connections();
        ingest = services.ingest();
        commands = services.commands();
        guard = services.guard();
        metrics = services.metrics();
    }

    @OnOpen
    public void open(Session session, @PathParam("deviceId") String deviceId) {
        this.session = session;
        this.deviceId = deviceId;
        guard.opened(session, false);
        channel = new IngestChannel(deviceId);
        ReceiveHolds holds = guard.holds(session);
        flow = new DeviceFlow(ingest, holds == null ? ReceiveControl.NONE : holds.control(ReceiveHolds.Reason.FLOW));
        outbox = new DeviceOutbox();
        sender = new AsyncTextSender(session, outbox, this::sendFailed);
        link = new DeviceLink(session, outbox, sender, System.currentTimeMillis());
        connections.register(deviceId, link);
        outbox.add(new DeviceReplies.Welcome(deviceId, devices.lastSeq(deviceId)));
        sender.wake();
        presence.connected(deviceId);
    }

    /** Parts, not whole messages, so that an oversized frame is refused as it arrives ({@link TextAssembler}). */
    @OnMessage
    public void text(String part, boolean last) {
        if (!guard.admit(session, rate)) {
            return;
        }
        DeviceMessage message;
        try {
            String text = assembler.add(part, last);
            if (text == null) {
                return;
            }
            message = DeviceMessageDecoder.decode(text);
        } catch (ProtocolViolation violation) {
            Closing.close(session, violation.closeReason());
            return;
        }
        if (message instanceof DeviceMessage.Readings readings) {
            submit(readings);
        } else if (message instanceof DeviceMessage.CommandResult result) {
            boolean known = commands.answered(deviceId, result.id(), "ok".equals(result.status()), result.result())
                    .isPresent();
            if (!known) {
                LOG.fine(() -> "Device " + deviceId + " answered command " + result.id()
                        + ", which is unknown, not its own or already ended; ignored");
            }
        }
    }

    @OnMessage
    public void pong(PongMessage pong) {
        guard.admit(session, rate);
    }

    @OnMessage
    public void binary(ByteBuffer part, boolean last) {
        Closing.close(session, CloseCodes.CANNOT_ACCEPT, "binary frames are not accepted; send JSON text");
    }

    @OnClose
    public void closed(CloseReason reason) {
        guard.closed(session);
        metrics.closed("device", reason);
        if (connections.unregister(deviceId, link)) {
            presence.disconnected(deviceId);
        }
    }

    @OnError
    public void failed(Throwable error) {
        // A peer that vanished (reset, broken pipe) is routine for field devices; anything else is not.
        LOG.log(error instanceof IOException ? Level.FINE : Level.WARNING, "Device " + deviceId + " connection failed", error);
        Closing.close(session, CloseCodes.UNEXPECTED_CONDITION, "unexpected server error");
    }

    private void submit(DeviceMessage.Readings readings) {
        int count = readings.readings().size();
        boolean taken = flow.offer(count, () -> ingest.submit(channel, readings.readings()).whenComplete((result, error) -> {
            flow.done(count);
            stored(result, error);
        }));
        if (!taken) {
            Closing.close(session, CloseCodes.VIOLATED_POLICY, "rate limit: more than " + flow.maxParked()
                    + " readings sent past the server's pause without waiting for acks");
        }
    }

    private void stored(IngestResult result, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof IngestOverloadedException || cause instanceof StorageUnavailableException) {
                Closing.close(session, CloseCodes.TRY_AGAIN_LATER, cause.getMessage() + "; try again later");
            } else if (cause instanceof StorageRefusedException) {
                Closing.close(session, CloseCodes.UNEXPECTED_CONDITION, cause.getMessage());
            } else {
                LOG.log(Level.SEVERE, "Storing readings of " + deviceId + " failed", cause);
                Closing.close(session, CloseCodes.UNEXPECTED_CONDITION, "unexpected server error");
            }
            return;
        }
        result.rejected().forEach(r -> outbox.add(new DeviceReplies.Rejected(r.seq(), r.code(), r.message())));
        outbox.ack(result.ackSeq());
        sender.wake();
    }

    private void sendFailed(Throwable error) {
        LOG.log(Level.FINE, "Sending to device " + deviceId + " failed", error);
        Closing.close(session, CloseCodes.UNEXPECTED_CONDITION, "send failed");
    }
}
