package org.iocmap.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeoServerSettingsTest {
    @Test
    void offByDefaultWithGeoServersOwnDefaults() {
        GeoServerSettings settings = ServiceConfig.fromEnvironment(Map.of()).geoserver();
        assertThat(settings.isOn()).isFalse();
        assertThat(settings.workspace()).isEqualTo("iocmap");
        assertThat(settings.datastore()).isEqualTo("iocmap");
        assertThat(settings.user()).isEqualTo("admin");
        assertThat(settings.toString()).isEqualTo("off");
    }

    @Test
    void theDatabaseSettingsDefaultFromTheServicesOwnAndNoPasswordIsShown() {
        ServiceConfig config = ServiceConfig.fromEnvironment(Map.of(
                "IOCMAP_DB_URL", "jdbc:postgresql://postgis:5433/ioc?currentSchema=app,public",
                "IOCMAP_DB_USER", "ioc",
                "IOCMAP_DB_PASSWORD", "db-secret",
                "IOCMAP_GEOSERVER_URL", "http://geoserver:8080/geoserver/",
                "IOCMAP_GEOSERVER_PASSWORD", "gs-secret"));
        GeoServerSettings settings = config.geoserver();
        assertThat(settings.isOn()).isTrue();
        assertThat(settings.baseUrl()).isEqualTo("http://geoserver:8080/geoserver");
        assertThat(settings.dbHost()).isEqualTo("postgis");
        assertThat(settings.dbPort()).isEqualTo(5433);
        assertThat(settings.dbName()).isEqualTo("ioc");
        assertThat(settings.dbSchema()).isEqualTo("app");
        assertThat(settings.dbUser()).isEqualTo("ioc");
        assertThat(settings.dbPassword()).isEqualTo("db-secret");
        assertThat(config.toString())
                .contains("geoserver=http://geoserver:8080/geoserver")
                .doesNotContain("gs-secret", "db-secret");
    }

    @Test
    void explicitDatabaseSettingsWin() {
        GeoServerSettings settings = ServiceConfig.fromEnvironment(Map.of(
                        "IOCMAP_DB_URL", "jdbc:postgresql://127.0.0.1/ioc",
                        "IOCMAP_GEOSERVER_DB_HOST", "db.internal",
                        "IOCMAP_GEOSERVER_DB_PORT", "6432",
                        "IOCMAP_GEOSERVER_DB_NAME", "gis",
                        "IOCMAP_GEOSERVER_DB_USER", "geoserver",
                        "IOCMAP_GEOSERVER_DB_PASSWORD", "x",
                        "IOCMAP_GEOSERVER_DB_SCHEMA", "layers"))
                .geoserver();
        assertThat(settings)
                .extracting(
                        GeoServerSettings::dbHost,
                        GeoServerSettings::dbPort,
                        GeoServerSettings::dbName,
                        GeoServerSettings::dbUser,
                        GeoServerSettings::dbSchema)
                .containsExactly("db.internal", 6432, "gis", "geoserver", "layers");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "host and port, jdbc:postgresql://db:6000/ioc, db, 6000, ioc, public",
        "host only, jdbc:postgresql://db/ioc, db, 5432, ioc, public",
        "short form, jdbc:postgresql:ioc, localhost, 5432, ioc, public",
        "IPv6 host, jdbc:postgresql://[::1]:5433/ioc, ::1, 5433, ioc, public",
        "schema list, jdbc:postgresql://db/ioc?ssl=true&currentSchema=a%2Cb, db, 5432, ioc, a"
    })
    void jdbcUrlsAreRead(String what, String url, String host, int port, String database, String schema) {
        assertThat(GeoServerSettings.JdbcTarget.parse(url))
                .hasValue(new GeoServerSettings.JdbcTarget(host, port, database, schema));
    }

    @Test
    void h2AndSeveralHostsAreNotReadAsATarget() {
        assertThat(GeoServerSettings.JdbcTarget.parse("jdbc:h2:file:./data/iocmap"))
                .isEmpty();
        assertThat(GeoServerSettings.JdbcTarget.parse("jdbc:postgresql://a:5432,b:5432/ioc"))
                .isEmpty();
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> ServiceConfig.fromEnvironment(Map.of(
                        "IOCMAP_GEOSERVER_URL", "http://admin:pw@geoserver:8080/geoserver",
                        "IOCMAP_GEOSERVER_WORKSPACE", "a/b",
                        "IOCMAP_GEOSERVER_DB_PORT", "70000")))
                .hasMessageContaining("IOCMAP_GEOSERVER_URL must be empty (off) or GeoServer's http(s) base URL")
                .hasMessageContaining("IOCMAP_GEOSERVER_WORKSPACE must be a name")
                .hasMessageContaining("IOCMAP_GEOSERVER_DB_PORT must be empty");
    }
}
