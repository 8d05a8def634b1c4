package org.iocmap.service.ingest;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.NetSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.iocmap.layers.kinds.VesselPositions;
import org.iocmap.service.config.ServiceConfig;
import org.iocmap.service.http.Blocking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in live AIS NMEA lines besides HTTP: a TCP listener ({@code ais.tcp.port}) that AIS receivers connect to, a
 * UDP listener ({@code ais.udp.port}) that receivers send datagrams to, and the {@link AisFeedClient} that connects
 * out to {@code ais.feed}. Each is off unless configured, and listens on {@code http.host}.
 *
 * <p>Each TCP connection, the UDP socket and each feed connection decode with their own {@link AisConnection}; a
 * timer rejects multi-part fragments whose other parts are late. Each source stores through its own
 * {@link AisBatchStore} and counts into {@link IngestStats}. Deployed once (one event loop), so that the
 * per-connection state needs no locks; decoding costs microseconds a line and the store runs on workers.
 */
public final class AisListeners extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(AisListeners.class);
    /** How often late fragments are looked for; the decoder waits {@code DEFAULT_FRAGMENT_TIMEOUT} for them. */
    static final long EXPIRE_EVERY_MILLIS = 1000;

    private final ServiceConfig config;
    private final VesselPositions vessels;
    private final IngestStats stats;
    private final Clock clock = Clock.systemUTC();
    private final Set<AisConnection> live = new HashSet<>();
    private final List<AisBatchStore> stores = new ArrayList<>();
    private volatile int tcpPort = ServiceConfig.OFF;
    private volatile int udpPort = ServiceConfig.OFF;
    private AisFeedClient feed;

    public AisListeners(ServiceConfig config, VesselPositions vessels, IngestStats stats) {
        this.config = config;
        this.vessels = vessels;
        this.stats = stats;
    }

    /** Returns the port the TCP listener is bound to (useful when configured as 0), or -1 when it is off. */
    public int tcpPort() {
        return tcpPort;
    }

    /** Returns the port the UDP listener is bound to (useful when configured as 0), or -1 when it is off. */
    public int udpPort() {
        return udpPort;
    }

    @Override
    public Future<?> start() {
        // The same pool as the HTTP routes' (a shared executor is found by its name), sized to the connection pool.
        Blocking blocking = new Blocking(vertx.createSharedWorkerExecutor("iocmap-store", config.dbMaxConnections()));
        List<Future<?>> listening = new ArrayList<>();
        if (config.aisTcpPort() != ServiceConfig.OFF) {
            AisBatchStore store = store(IngestStats.TCP, blocking);
            listening.add(vertx.createNetServer()
                    .connectHandler(socket -> accept(socket, store))
                    .listen(config.aisTcpPort(), config.httpHost())
                    .onSuccess(server -> {
                        tcpPort = server.actualPort();
                        LOG.info("AIS TCP listener on {}:{}", config.httpHost(), tcpPort);
                    }));
        }
        if (config.aisUdpPort() != ServiceConfig.OFF) {
            AisConnection udp = open(IngestStats.UDP, store(IngestStats.UDP, blocking));
            DatagramSocket socket = vertx.createDatagramSocket(new DatagramSocketOptions());
            socket.handler(packet -> {
                udp.feed(packet.data().getBytes());
                udp.endOfDatagram();
            });
            socket.exceptionHandler(e -> LOG.debug("AIS UDP listener: {}", e.toString()));
            listening.add(socket.listen(config.aisUdpPort(), config.httpHost()).onSuccess(s -> {
                udpPort = s.localAddress().port();
                LOG.info("AIS UDP listener on {}:{}", config.httpHost(), udpPort);
            }));
        }
        if (!config.aisFeed().isEmpty()) {
            AisBatchStore store = store(IngestStats.FEED, blocking);
            feed = new AisFeedClient(
                    vertx,
                    config.aisFeedHost(),
                    config.aisFeedPort(),
                    stats.source(IngestStats.FEED),
                    () -> open(IngestStats.FEED, store),
                    live::remove);
            feed.start();
        }
        vertx.setPeriodic(EXPIRE_EVERY_MILLIS, id -> {
            var now = clock.instant();
            live.forEach(connection -> connection.expire(now));
        });
        return Future.all(listening);
    }

    @Override
    public Future<?> stop() {
        if (feed != null) {
            feed.stop();
        }
        // What was decoded but not yet stored goes to the store before the store closes.
        return Future.join(stores.stream().map(AisBatchStore::flush).toList());
    }

    private AisBatchStore store(String source, Blocking blocking) {
        AisBatchStore store = new AisBatchStore(source, vertx, blocking, vessels, stats.source(source));
        stores.add(store);
        return store;
    }

    private AisConnection open(String source, AisBatchStore store) {
        AisConnection connection = new AisConnection(stats.source(source), store, clock);
        live.add(connection);
        return connection;
    }

    private void accept(NetSocket socket, AisBatchStore store) {
        stats.source(IngestStats.TCP).connection();
        AisConnection connection = open(IngestStats.TCP, store);
        socket.handler(buffer -> connection.feed(buffer.getBytes()));
        socket.exceptionHandler(e -> LOG.debug("AIS TCP {}: {}", socket.remoteAddress(), e.toString()));
        socket.closeHandler(v -> {
            connection.close();
            live.remove(connection);
        });
    }
}
