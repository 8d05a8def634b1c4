package org.iocmap.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.iocmap.layers.store.StoreKind;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {
    @Test
    void noSettingsMeansEmbeddedStoreOnPort8080() {
        ServiceConfig config = ServiceConfig.fromEnvironment(Map.of());
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.storeSettings().kind()).isEqualTo(StoreKind.H2GIS);
        assertThat(config.storeSettings().jdbcUrl()).contains("data").contains("iocmap");
        assertThat(config.demo()).isFalse();
        assertThat(config.basemap()).isEmpty();
    }

    @Test
    void aPostgresUrlSelectsPostgis() {
        ServiceConfig config = ServiceConfig.fromEnvironment(Map.of(
                "IOCMAP_DB_URL", "jdbc:postgresql://127.0.0.1:5432/ioc",
                "IOCMAP_DB_USER", "ioc",
                "IOCMAP_DB_PASSWORD", "secret-value"));
        assertThat(config.storeSettings().kind()).isEqualTo(StoreKind.POSTGIS);
        assertThat(config.toString()).doesNotContain("secret-value");
        assertThat(config.storeSettings().toString()).doesNotContain("secret-value");
    }

    @Test
    void everyBadSettingIsNamedAtOnce() {
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of(
                        "IOCMAP_HTTP_PORT", "eighty",
                        "IOCMAP_DEMO", "maybe",
                        "IOCMAP_DB_URL", "mysql://x",
                        "IOCMAP_AUTH_JWTSECRET", "short")))
                .hasMessageContaining("IOCMAP_HTTP_PORT must be a whole number, was 'eighty'")
                .hasMessageContaining("IOCMAP_DEMO must be true or false")
                .hasMessageContaining("IOCMAP_DB_URL must start with jdbc:postgresql: or jdbc:h2:")
                .hasMessageContaining("IOCMAP_AUTH_JWTSECRET must have at least 32 characters");
    }

    @Test
    void portOutOfRangeIsRejected() {
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of("IOCMAP_HTTP_PORT", "70000")))
                .hasMessageContaining("between 0 and 65535");
    }

    @Test
    void aisSourcesAreOffUnlessSetAndBadOnesAreNamed() {
        ServiceConfig off = ServiceConfig.fromEnvironment(Map.of());
        assertThat(off.hasAisSources()).isFalse();
        assertThat(off.aisTcpPort()).isEqualTo(ServiceConfig.OFF);
        ServiceConfig on = ServiceConfig.fromEnvironment(
                Map.of("IOCMAP_AIS_TCP_PORT", "0", "IOCMAP_AIS_FEED", "hub.example.org:4001"));
        assertThat(on.hasAisSources()).isTrue();
        assertThat(on.aisTcpPort()).isZero();
        assertThat(on.aisUdpPort()).isEqualTo(ServiceConfig.OFF);
        assertThat(on.aisFeedHost()).isEqualTo("hub.example.org");
        assertThat(on.aisFeedPort()).isEqualTo(4001);
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(
                        Map.of("IOCMAP_AIS_UDP_PORT", "70000", "IOCMAP_AIS_FEED", "hub.example.org")))
                .hasMessageContaining("IOCMAP_AIS_UDP_PORT must be empty (off) or a port between 0 and 65535")
                .hasMessageContaining("IOCMAP_AIS_FEED must be host:port");
    }
}
