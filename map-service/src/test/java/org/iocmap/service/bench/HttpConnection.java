package org.iocmap.service.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection of the load generator: writes a request, reads the status line, the headers and a
 * body of {@code Content-Length} bytes, on a blocking socket. It asks for no more than the benchmark needs (no
 * redirects, no chunked bodies, no TLS), so the load generator takes as little of the two cores as it can: the JDK
 * {@code HttpClient} hands every response between its selector thread, an executor and the caller.
 *
 * <p>Not thread-safe: one per client thread.
 */
final class HttpConnection implements AutoCloseable {
    private final String host;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    HttpConnection(int port) throws IOException {
        this(port, 30_000);
    }

    /** Opens a connection whose reads wait at most {@code timeoutMillis}. */
    HttpConnection(int port, int timeoutMillis) throws IOException {
        this.host = "127.0.0.1:" + port;
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(timeoutMillis);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    /** Sends GET {@code path} with a bearer token and returns the body of a 200 answer. */
    byte[] get(String path, String token) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return read("GET " + path);
    }

    /** Sends GET {@code path} and returns the body of a 200 answer. */
    byte[] get(String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return read("GET " + path);
    }

    /** Sends POST {@code path} with a JSON body and returns the body of a 200 answer. */
    byte[] post(String path, byte[] json) throws IOException {
        out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(json);
        out.flush();
        return read("POST " + path);
    }

    /**
     * Sends POST {@code path} with a form body and {@code headers} (complete lines, each ending in CRLF; may be empty)
     * and returns the status code of a 2xx answer, whose body is read and dropped.
     *
     * @throws IOException for any other answer, with its status and body
     */
    int postForm(String path, byte[] form, String headers) throws IOException {
        out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host
                        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length
                        + "\r\n" + headers + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.write(form);
        out.flush();
        String[] status = new String[1];
        byte[] body = read("POST " + path, status);
        int code = Integer.parseInt(status[0].substring(9, 12));
        if (code / 100 != 2) {
            throw new IOException(
                    "POST " + path + " answered " + status[0] + ": " + new String(body, StandardCharsets.UTF_8));
        }
        return code;
    }

    private byte[] read(String request) throws IOException {
        String[] status = new String[1];
        byte[] body = read(request, status);
        if (!status[0].startsWith("HTTP/1.1 200")) {
            throw new IOException(request + " answered " + status[0] + ": " + new String(body, StandardCharsets.UTF_8));
        }
        return body;
    }

    /** Reads one answer: puts its status line into {@code status[0]} and returns its body, whatever the status. */
    private byte[] read(String request, String[] status) throws IOException {
        status[0] = line();
        int length = -1;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon > 0
                    && header.substring(0, colon)
                            .trim()
                            .toLowerCase(Locale.ROOT)
                            .equals("content-length")) {
                length = Integer.parseInt(header.substring(colon + 1).trim());
            }
            if (header.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:")) {
                throw new IOException(request + ": chunked answers are not read by this client: " + header);
            }
        }
        if (length < 0) {
            throw new IOException(request + ": the answer has no Content-Length (" + status[0] + ")");
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new IOException(
                    request + ": the connection closed after " + body.length + " of " + length + " bytes");
        }
        return body;
    }

    /** Reads one header line without its CRLF. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("the server closed the connection");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
