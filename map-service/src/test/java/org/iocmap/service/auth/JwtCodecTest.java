package org.iocmap.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import org.iocmap.service.http.UnauthorizedException;
import org.junit.jupiter.api.Test;

class JwtCodecTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    private static JwtCodec codecAt(Instant now) {
        return new JwtCodec(SECRET, Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenItIssuedVerifiesToTheSameUserAndRoles() {
        String token = codecAt(NOW).issue("kiemngu01", Set.of("fisheries")).token();
        Viewer viewer = codecAt(NOW.plusSeconds(60)).verify(token);
        assertThat(viewer.username()).isEqualTo("kiemngu01");
        assertThat(viewer.roles()).containsExactly("fisheries");
    }

    @Test
    void theAreaOfALimitedUserTravelsInTheTokenAndAVanishedAreaFailsClosed() {
        Area area = new Area(
                "demo",
                "Vùng thử",
                "Test area",
                "custom",
                org.iocmap.layers.store.SqlDialect.WGS84.toGeometry(
                        new org.locationtech.jts.geom.Envelope(109, 110, 12, 13)));
        JwtCodec withArea = new JwtCodec(
                SECRET,
                Duration.ofHours(1),
                Clock.fixed(NOW, ZoneOffset.UTC),
                code -> code.equals("demo") ? java.util.Optional.of(area) : java.util.Optional.empty());
        Viewer viewer =
                withArea.verify(withArea.issue("a", Set.of("operator"), "demo").token());
        assertThat(viewer.area()).isSameAs(area);
        assertThat(withArea.verify(withArea.issue("b", Set.of("operator")).token())
                        .area())
                .isNull();
        String gone = withArea.issue("c", Set.of("operator"), "gone").token();
        assertThatThrownBy(() -> withArea.verify(gone))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("'gone'", "sign in again");
    }

    @Test
    void anExpiredTokenIsRejected() {
        String token = codecAt(NOW).issue("a", Set.of("operator")).token();
        assertThatThrownBy(() -> codecAt(NOW.plus(Duration.ofHours(1))).verify(token))
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aTokenWithRaisedRolesFailsTheSignatureCheck() {
        String token = codecAt(NOW).issue("a", Set.of("operator")).token();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("operator", "admin");
        String forged = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        assertThatThrownBy(() -> codecAt(NOW).verify(forged)).hasMessageContaining("signature");
    }

    @Test
    void anUnsignedAlgNoneTokenIsRejected() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"a\",\"roles\":[\"admin\"],\"exp\":"
                        + NOW.plusSeconds(600).getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> codecAt(NOW).verify(header + "." + payload + "."))
                .hasMessageContaining("HS256");
    }

    @Test
    void garbageIsRejectedWithAReason() {
        assertThatThrownBy(() -> codecAt(NOW).verify("not-a-token")).hasMessageContaining("three");
        assertThatThrownBy(() -> codecAt(NOW).verify("a.b.c")).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new JwtCodec(new byte[16], Duration.ofHours(1), Clock.systemUTC()))
                .hasMessageContaining("32 bytes");
    }
}
