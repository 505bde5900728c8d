package io.vigil.web.monitor;

import io.vigil.alert.AlertNotFoundException;
import io.vigil.alert.AlertService;
import io.vigil.alert.AlertStateException;
import io.vigil.command.CommandView;
import io.vigil.config.Settings;
import io.vigil.device.UnknownDeviceException;
import io.vigil.operator.OperatorRole;
import io.vigil.operator.OperatorService;
import io.vigil.shared.InvalidInputException;
import io.vigil.web.device.CommandDispatcher;
import io.vigil.web.protocol.Closing;
import io.vigil.web.protocol.ConnectionMetrics;
import io.vigil.web.protocol.MessageRate;
import io.vigil.web.protocol.MessageSize;
import io.vigil.web.protocol.ProtocolViolation;
import io.vigil.web.protocol.TextAssembler;
import io.vigil.web.security.ConnectionGuard;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Where live data leaves Vigil for the admin page: decodes monitor requests and hands them to the sessions. */
@ServerEndpoint("/ws/monitor")
public class MonitorEndpoint {

    private static final Logger LOG = Logger.getLogger(MonitorEndpoint.class.getName());
    /** Session property: true when the signed-in operator holds the operator role, not just viewer. */
    private static final String MAY_OPERATE = MonitorEndpoint.class.getName() + ".mayOperate";

    @Inject
    MonitorSessions sessions;

    @Inject
    AlertService alerts;

    @Inject
    CommandDispatcher commands;

    @Inject
    ConnectionGuard guard;

    @Inject
    ConnectionMetrics metrics;

    @Inject
    OperatorService operators;

    private final TextAssembler assembler = new TextAssembler(MessageSize.limitBytes());
    private final MessageRate rate = new MessageRate(Settings.monitorMaxFramesPerSecond(),
            Settings.monitorFrameBurst(), System.nanoTime());

    @OnOpen
    public void open(Session session) {
        guard.opened(session, true);
        // The handshake filter let only signed-in operators through; the role is read where Elytron reads it.
        boolean mayOperate = operators.role(operator(session)).orElse(OperatorRole.VIEWER) == OperatorRole.OPERATOR;
        session.getUserProperties().put(MAY_OPERATE, mayOperate);
        sessions.join(session);
    }

    /** Parts, not whole messages, so that an oversized frame is refused as it arrives ({@link TextAssembler}). */
    @OnMessage
    public void text(String part, boolean last, Session session) {
        if (!guard.admit(session, rate)) {
            return;
        }
        MonitorRequest request;
        try {
            String text = assembler.add(part, last);
            if (text == null) {
                return;
            }
            request = MonitorRequestDecoder.decode(text);
        } catch (ProtocolViolation violation) {
            Closing.close(session, violation.closeReason());
            return;
        }
        if (request instanceof MonitorRequest.Subscribe subscribe) {
            sessions.subscribe(session, subscribe.devices());
        } else if (request instanceof MonitorRequest.Resume resume) {
            sessions.resume(session, resume.lastEventId());
        } else if (request instanceof MonitorRequest.AckAlert ack) {
            if (mayOperate(session, "ack_alert")) {
                acknowledge(session, ack);
            }
        } else if (request instanceof MonitorRequest.Command command) {
            if (mayOperate(session, "command")) {
                sendCommand(session, command);
            }
        } else if (request instanceof MonitorRequest.Malformed malformed) {
            sessions.reply(session, new MonitorMessages.Error("invalid_request", malformed.type() + ": " + malformed.problem()));
        }
    }

    @OnMessage
    public void pong(PongMessage pong, Session session) {
        if (!guard.admit(session, rate)) {
            return;
        }
        ByteBuffer data = pong.getApplicationData();
        if (data.remaining() == Long.BYTES) {
            sessions.pong(session, data.getLong(data.position()));
        }
    }

    @OnMessage
    public void binary(ByteBuffer part, boolean last, Session session) {
        Closing.close(session, CloseCodes.CANNOT_ACCEPT, "binary frames are not accepted; send JSON text");
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        guard.closed(session);
        metrics.closed("monitor", reason);
        sessions.leave(session);
    }

    @OnError
    public void failed(Session session, Throwable error) {
        // A browser tab that went away (reset, broken pipe) is routine; anything else is not.
        LOG.log(error instanceof IOException ? Level.FINE : Level.WARNING,
                "Monitor connection " + session.getId() + " failed", error);
        Closing.close(session, CloseCodes.UNEXPECTED_CONDITION, "unexpected server error");
    }

    private void sendCommand(Session session, MonitorRequest.Command command) {
        try {
            CommandView sent = commands.send(command.deviceId(), command.name(), command.args(), operator(session));
            sessions.reply(session, new MonitorMessages.CommandAccepted(command.requestId(), sent));
        } catch (UnknownDeviceException e) {
            sessions.reply(session, new MonitorMessages.Error("not_found", e.getMessage()));
        } catch (InvalidInputException e) {
            sessions.reply(session, new MonitorMessages.Error("invalid_request", e.getMessage()));
        }
    }

    /** Answers a viewer's operator action with an {@code error} "forbidden"; nothing changes. */
    private boolean mayOperate(Session session, String type) {
        if (Boolean.TRUE.equals(session.getUserProperties().get(MAY_OPERATE))) {
            return true;
        }
        sessions.reply(session, new MonitorMessages.Error("forbidden",
                type + " needs the operator role; a viewer may only watch"));
        return false;
    }

    private static String operator(Session session) {
        Principal principal = session.getUserPrincipal();
        return principal == null ? null : principal.getName();
    }

    private void acknowledge(Session session, MonitorRequest.AckAlert ack) {
        String who = operator(session);
        try {
            alerts.acknowledge(ack.alertId(), who, ack.note());
        } catch (AlertNotFoundException e) {
            sessions.reply(session, new MonitorMessages.Error("not_found", e.getMessage()));
        } catch (AlertStateException e) {
            sessions.reply(session, new MonitorMessages.Error("conflict", e.getMessage()));
        } catch (InvalidInputException e) {
            sessions.reply(session, new MonitorMessages.Error("invalid_request", e.getMessage()));
        }
    }
}
