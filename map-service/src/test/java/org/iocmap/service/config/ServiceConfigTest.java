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
}
