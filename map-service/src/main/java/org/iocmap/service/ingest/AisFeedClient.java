package org.iocmap.service.ingest;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a TCP connection open to an AIS feed ({@code ais.feed}, such as an AIS hub that serves NMEA lines) and
 * decodes what it sends. When the connection drops or cannot be made, it tries again after a delay that starts at
 * {@value #FIRST_DELAY_MILLIS} ms and doubles up to {@value #MAX_DELAY_MILLIS} ms; the delay starts over once a
 * connection delivered data, so a hub that accepts and hangs up at once is not hammered. A connection silent for
 * {@value #IDLE_SECONDS} s is taken for dead (a half-open connection never reports its end) and made again.
 *
 * <p>Runs on the event loop of the verticle that started it.
 */
final class AisFeedClient {
    private static final Logger LOG = LoggerFactory.getLogger(AisFeedClient.class);
    static final long FIRST_DELAY_MILLIS = 500;
    static final long MAX_DELAY_MILLIS = 30_000;
    static final int IDLE_SECONDS = 300;

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final IngestStats.Source stats;
    private final Supplier<AisConnection> connections;
    private final Consumer<AisConnection> onClosed;
    private final NetClient client;
    private long delayMillis = FIRST_DELAY_MILLIS;
    private boolean stopped;
    private boolean failureLogged;
    private NetSocket socket;

    /**
     * @param connections makes the decoding state of each new connection
     * @param onClosed is told when a connection made by {@code connections} has ended
     */
    AisFeedClient(
            Vertx vertx,
            String host,
            int port,
            IngestStats.Source stats,
            Supplier<AisConnection> connections,
            Consumer<AisConnection> onClosed) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.stats = stats;
        this.connections = connections;
        this.onClosed = onClosed;
        this.client = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout(10_000)
                .setTcpKeepAlive(true)
                .setIdleTimeout(IDLE_SECONDS));
    }

    /** Starts connecting; returns at once. */
    void start() {
        connect();
    }

    /** Stops reconnecting and closes the connection. */
    void stop() {
        stopped = true;
        if (socket != null) {
            socket.close();
        }
        client.close();
    }

    private void connect() {
        if (stopped) {
            return;
        }
        client.connect(port, host).onSuccess(this::connected).onFailure(e -> {
            if (!failureLogged) {
                LOG.warn("AIS feed {}:{}: cannot connect ({}); trying again with backoff", host, port, e.getMessage());
                failureLogged = true;
            }
            retry();
        });
    }

    private void connected(NetSocket socket) {
        if (stopped) {
            socket.close();
            return;
        }
        this.socket = socket;
        failureLogged = false;
        LOG.info("AIS feed {}:{}: connected", host, port);
        stats.connection();
        stats.connected(true);
        AisConnection connection = connections.get();
        socket.handler(buffer -> {
            delayMillis = FIRST_DELAY_MILLIS; // data came: the next drop is news, not a pattern
            connection.feed(buffer.getBytes());
        });
        socket.exceptionHandler(e -> LOG.debug("AIS feed {}:{}: {}", host, port, e.toString()));
        socket.closeHandler(v -> {
            this.socket = null;
            stats.connected(false);
            connection.close();
            onClosed.accept(connection);
            if (!stopped) {
                LOG.warn("AIS feed {}:{}: connection closed; reconnecting", host, port);
                retry();
            }
        });
    }

    private void retry() {
        if (stopped) {
            return;
        }
        long delay = delayMillis;
        delayMillis = Math.min(delayMillis * 2, MAX_DELAY_MILLIS);
        vertx.setTimer(delay, id -> connect());
    }
}
