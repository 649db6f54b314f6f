package dev.redao.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The few RESP2 calls this module makes itself (AUTH, PING, INFO, SHUTDOWN), over a plain socket, so
 * that test support does not depend on Jedis or on the Redao runtime it is used to test.
 *
 * <p>Not thread-safe; one connection per use.
 */
final class RespClient implements Closeable {

    /** An error reply such as {@code -ERR unknown command}: the server is up, it just said no. */
    static final class ErrorReply extends IOException {
        private static final long serialVersionUID = 1L;

        ErrorReply(String message) {
            super(message);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects, and logs in if the URL carries a password; {@code timeout} bounds the connect and every read. */
    static RespClient connect(RedisUrl endpoint, Duration timeout) throws IOException {
        int millis = Math.toIntExact(Math.max(1, timeout.toMillis()));
        Socket socket = endpoint.tls() ? tlsSocket() : new Socket();
        try {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), millis);
            socket.setSoTimeout(millis);
            socket.setTcpNoDelay(true);
            RespClient client = new RespClient(socket);
            if (endpoint.password() != null) {
                if (endpoint.user() == null) {
                    client.call("AUTH", endpoint.password());
                } else {
                    client.call("AUTH", endpoint.user(), endpoint.password());
                }
            }
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends one command and reads its reply: a String (simple or bulk string, UTF-8), a Long, a
     * List of replies, or null (nil).
     *
     * @throws ErrorReply if the server answered with an error
     * @throws EOFException if the server closed the connection instead of answering
     */
    Object call(String... args) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        writeAscii(request, "*" + args.length + "\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            writeAscii(request, "$" + bytes.length + "\r\n");
            request.write(bytes);
            writeAscii(request, "\r\n");
        }
        request.writeTo(out);
        out.flush();
        return readReply();
    }

    /** {@code INFO section} as a map of its {@code key:value} lines (section headers dropped). */
    Map<String, String> info(String section) throws IOException {
        Object reply = call("INFO", section);
        if (!(reply instanceof String text)) {
            throw new IOException("INFO " + section + " did not return a bulk string but " + reply);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\r\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("#") && colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return fields;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private Object readReply() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed by the server");
        }
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new ErrorReply(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] body = in.readNBytes(length + 2); // the payload and its trailing CRLF
                if (body.length < length + 2) {
                    throw new EOFException("connection closed in the middle of a bulk string");
                }
                return new String(body, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(line);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    items.add(readReply());
                }
                return items;
            }
            default:
                throw new IOException("Unexpected RESP reply type '" + (char) type + "' followed by: " + line);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\r') {
                if (in.read() != '\n') {
                    throw new IOException("Malformed RESP line: CR not followed by LF");
                }
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        throw new EOFException("connection closed in the middle of a reply");
    }

    private static void writeAscii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** rediss:// URLs: the JDK's default trust store, and the host name checked like HTTPS does. */
    private static Socket tlsSocket() throws IOException {
        SSLSocket socket = (SSLSocket) SSLSocketFactory.getDefault().createSocket();
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        return socket;
    }
}
