package io.vigil.e2e;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WebSocket client on a raw socket for hostile-input tests: it writes
 * whatever handshake and frame headers it is told to (lengths that lie,
 * fragments, reserved bits), which no well-behaved client library will, and
 * it can stop reading altogether, like a frozen browser tab (the JDK client
 * keeps draining the socket into memory even without demand).
 */
final class RawWebSocket implements AutoCloseable {

    /** The server's answer to the upgrade request. */
    record Handshake(int status, Map<String, String> headers) {
    }

    /** What the server sent when reading stopped: a close frame's code, or how the connection ended. */
    record Ending(int closeCode, String reason, boolean reset) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(URI httpBase, int receiveBufferBytes) throws IOException {
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes); // fixed and small, so a peer that stops reading shows soon
        }
        socket.connect(new InetSocketAddress(httpBase.getHost(), httpBase.getPort()), 5_000);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Connects and sends an upgrade request for {@code path} with the standard headers plus {@code extra}. */
    static RawWebSocket open(URI httpBase, String path, Map<String, String> extra) throws IOException {
        return open(httpBase, path, extra, 0);
    }

    /** As {@link #open(URI, String, Map)}, with a fixed socket receive buffer (0: the system's). */
    static RawWebSocket open(URI httpBase, String path, Map<String, String> extra, int receiveBufferBytes)
            throws IOException {
        RawWebSocket ws = new RawWebSocket(httpBase, receiveBufferBytes);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", httpBase.getHost() + ":" + httpBase.getPort());
        headers.put("Upgrade", "websocket");
        headers.put("Connection", "Upgrade");
        headers.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(nonce));
        headers.put("Sec-WebSocket-Version", "13");
        if (path.startsWith("/ws/monitor")) {
            // Monitors must sign in; a test that wants no credentials maps Authorization to null.
            headers.put("Authorization", Operator.ADMIN.basic());
        }
        headers.putAll(extra);
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n");
        headers.forEach((name, value) -> {
            if (value != null) {
                request.append(name).append(": ").append(value).append("\r\n");
            }
        });
        ws.out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        ws.out.flush();
        return ws;
    }

    /** Connects and sends {@code request} exactly as given (for request lines and headers no client would write). */
    static RawWebSocket sendRaw(URI httpBase, String request) throws IOException {
        RawWebSocket ws = new RawWebSocket(httpBase, 0);
        ws.out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        ws.out.flush();
        return ws;
    }

    /** The body of a refused handshake, as long as its {@code Content-Length} says. */
    String readBody(Handshake handshake) throws IOException {
        int length = Integer.parseInt(handshake.headers().getOrDefault("content-length", "0"));
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** Reads the status line and headers (and, for a refusal, leaves the body unread). */
    Handshake readHandshake() throws IOException {
        String status = readLine();
        String[] parts = status.split(" ");
        int code = parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while (!(line = readLine()).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        return new Handshake(code, headers);
    }

    /** Writes a frame header (client frames are masked) announcing {@code length} bytes; returns the mask. */
    byte[] frameHeader(int opcode, boolean fin, long length) throws IOException {
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        out.write((fin ? 0x80 : 0) | opcode);
        if (length < 126) {
            out.write(0x80 | (int) length);
        } else if (length <= 0xFFFF) {
            out.write(0x80 | 126);
            out.write((int) (length >>> 8));
            out.write((int) length);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift));
            }
        }
        out.write(mask);
        return mask;
    }

    /** Writes payload bytes masked with {@code mask}, starting at payload offset {@code offset}. */
    void payload(byte[] data, byte[] mask, long offset) throws IOException {
        byte[] masked = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            masked[i] = (byte) (data[i] ^ mask[(int) ((offset + i) % 4)]);
        }
        out.write(masked);
    }

    void frame(int opcode, boolean fin, byte[] data) throws IOException {
        payload(data, frameHeader(opcode, fin, data.length), 0);
        out.flush();
    }

    /** A text frame without the mask every client frame must have (RFC 6455 5.1). */
    void unmaskedText(String text) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        out.write(0x81);
        out.write(data.length);
        out.write(data);
        out.flush();
    }

    void text(String text) throws IOException {
        frame(0x1, true, text.getBytes(StandardCharsets.UTF_8));
    }

    void flush() throws IOException {
        out.flush();
    }

    /** Reads frames until a close frame or the end of the connection. */
    Ending readUntilClose() throws IOException {
        try {
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return new Ending(1006, "connection closed without a close frame", false);
                }
                int opcode = first & 0x0F;
                long length = in.readUnsignedByte() & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                if (opcode == 0x8) {
                    byte[] body = in.readNBytes((int) length);
                    int code = body.length >= 2 ? ((body[0] & 0xFF) << 8) | (body[1] & 0xFF) : 1005;
                    String reason = body.length > 2 ? new String(body, 2, body.length - 2, StandardCharsets.UTF_8) : "";
                    return new Ending(code, reason, false);
                }
                in.skipNBytes(length);
            }
        } catch (SocketException e) {
            return new Ending(1006, e.getMessage(), true);
        }
    }

    /** The next text frame's payload (skipping other frames), or null at a close. */
    String readText() throws IOException {
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0F;
            long length = in.readUnsignedByte() & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] body = in.readNBytes((int) length);
            if (opcode == 0x1) {
                return new String(body, StandardCharsets.UTF_8);
            }
            if (opcode == 0x8) {
                return null;
            }
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
