package org.iocmap.service.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.iocmap.service.Services;
import org.iocmap.service.TestServer;
import org.iocmap.service.http.Blocking;
import org.iocmap.service.tiles.TileService;
import org.junit.jupiter.api.Test;

/** Pins the feed's life cycle: deployed by the route mount as a child of the HTTP verticle, stopped with it. */
class ChangeFeedTest {
    @Test
    void theFeedStopsWithTheVerticleThatMountedIt() {
        TestServer server = TestServer.shared();
        Services services = new Services(
                null,
                server.app().store(),
                server.app().catalog(),
                null,
                null,
                new TileService(server.app().store(), server.app().catalog(), 1 << 20, null, 0),
                new org.iocmap.service.ingest.IngestStats(),
                null,
                null,
                null,
                null,
                null);
        Vertx vertx = Vertx.vertx();
        try {
            String parent = vertx.deployVerticle(new VerticleBase() {
                        @Override
                        public Future<?> start() {
                            Blocking blocking = new Blocking(vertx.createSharedWorkerExecutor("feed-test", 2));
                            StreamRoutes.mount(Router.router(vertx), vertx, services, blocking);
                            return Future.succeededFuture();
                        }
                    })
                    .await();
            long deadline = System.currentTimeMillis() + 5_000;
            while (vertx.deploymentIDs().size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait(); // the feed is deployed asynchronously
            }
            assertThat(vertx.deploymentIDs()).hasSize(2); // the verticle and its feed
            vertx.undeploy(parent).await();
            assertThat(vertx.deploymentIDs()).isEmpty();
        } finally {
            vertx.close().await();
        }
    }
}
