package io.vigil.e2e;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A monitor on a raw socket that completes the WebSocket handshake and then
 * stops reading, like a frozen browser tab. (The JDK client keeps draining
 * the socket into memory even without demand, so it cannot play this part.)
 * {@link #readUntilClose()} reads again and returns the close code.
 */
final class StalledMonitor implements AutoCloseable {

    private final Socket socket = new Socket();
    private DataInputStream in;

    StalledMonitor(URI httpBase) throws IOException {
        socket.setReceiveBufferSize(32 * 1024);  // fixed and small: the stall shows after a few MB, not 30
        socket.connect(new InetSocketAddress(httpBase.getHost(), httpBase.getPort()), 5_000);
        socket.setSoTimeout(30_000);
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        String request = "GET /ws/monitor HTTP/1.1\r\n"
                + "Host: " + httpBase.getHost() + ":" + httpBase.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = new DataInputStream(socket.getInputStream());
        String status = readLine();
        if (!status.contains(" 101 ")) {
            throw new IOException("handshake refused: " + status);
        }
        while (!readLine().isEmpty()) {
            // skip the response headers; from here on the socket is left unread
        }
    }

    /** Reads frames (server frames are unmasked) until the close frame; returns its code. */
    int readUntilClose() throws IOException {
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0F;
            long length = in.readUnsignedByte() & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            if (opcode == 0x8) {
                return length >= 2 ? in.readUnsignedShort() : 1005;
            }
            in.skipNBytes(length);
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
