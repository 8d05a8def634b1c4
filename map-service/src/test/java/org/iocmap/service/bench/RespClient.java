package org.iocmap.service.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Speaks just enough RESP2 to benchmark Redis: sends commands as arrays of bulk strings (pipelined when
 * {@link #send} is called several times before {@link #flush}) and reads replies as Java values: simple strings and
 * bulk strings as {@code String}, integers as {@code Long}, arrays as {@code List}, nil as {@code null}. An error
 * reply is thrown as {@link RedisException}.
 *
 * <p>One connection, not thread-safe: give each client thread its own.
 */
final class RespClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] writeBuffer = new byte[1 << 16];
    private int written;
    private final byte[] readBuffer = new byte[1 << 16];
    private int readPos;
    private int readLimit;

    private RespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Connects to Redis; fails after two seconds when nobody answers. */
    static RespClient connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 2_000);
        socket.setSoTimeout(30_000);
        return new RespClient(socket);
    }

    /** Thrown when Redis answers with an error reply. */
    static final class RedisException extends IOException {
        private static final long serialVersionUID = 1L;

        RedisException(String message) {
            super(message);
        }
    }

    /** Sends one command and returns its reply. */
    Object call(String... args) throws IOException {
        send(args);
        flush();
        return read();
    }

    /** Buffers one command without waiting for its reply; {@link #flush} sends what is buffered. */
    void send(String... args) throws IOException {
        writeAscii("*" + args.length + "\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            writeAscii("$" + bytes.length + "\r\n");
            write(bytes);
            writeAscii("\r\n");
        }
    }

    /** Sends every buffered command. */
    void flush() throws IOException {
        out.write(writeBuffer, 0, written);
        out.flush();
        written = 0;
    }

    /** Reads one reply. */
    Object read() throws IOException {
        byte type = readByte();
        String line = readLine();
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new RedisException(line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield null;
                }
                byte[] bytes = new byte[length];
                readFully(bytes);
                readByte(); // \r
                readByte(); // \n
                yield new String(bytes, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    yield null;
                }
                List<Object> items = new ArrayList<>(length);
                for (int i = 0; i < length; i++) {
                    items.add(read());
                }
                yield items;
            }
            default -> throw new IOException("unexpected RESP type byte '" + (char) type + "' before " + line);
        };
    }

    private void writeAscii(String s) throws IOException {
        int length = s.length();
        if (written + length > writeBuffer.length) {
            flushBuffer();
        }
        for (int i = 0; i < length; i++) {
            writeBuffer[written++] = (byte) s.charAt(i);
        }
    }

    private void write(byte[] bytes) throws IOException {
        if (written + bytes.length > writeBuffer.length) {
            flushBuffer();
        }
        if (bytes.length > writeBuffer.length) {
            out.write(bytes);
            return;
        }
        System.arraycopy(bytes, 0, writeBuffer, written, bytes.length);
        written += bytes.length;
    }

    private void flushBuffer() throws IOException {
        out.write(writeBuffer, 0, written);
        written = 0;
    }

    private byte readByte() throws IOException {
        if (readPos == readLimit) {
            fill();
        }
        return readBuffer[readPos++];
    }

    private void fill() throws IOException {
        readLimit = in.read(readBuffer);
        readPos = 0;
        if (readLimit <= 0) {
            readLimit = 0;
            throw new EOFException("Redis closed the connection");
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(16);
        while (true) {
            byte b = readByte();
            if (b == '\r') {
                readByte(); // \n
                return line.toString();
            }
            line.append((char) b);
        }
    }

    private void readFully(byte[] bytes) throws IOException {
        int done = 0;
        while (done < bytes.length) {
            if (readPos == readLimit) {
                fill();
            }
            int n = Math.min(bytes.length - done, readLimit - readPos);
            System.arraycopy(readBuffer, readPos, bytes, done, n);
            readPos += n;
            done += n;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
