package org.iocmap.service.auth;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.iocmap.service.http.UnauthorizedException;

/**
 * Issues and verifies JSON Web Tokens signed with HMAC-SHA256 (RFC 7519, {@code alg} HS256). Claims: {@code sub} (the
 * username), {@code roles}, {@code area} (when the user is limited to one), {@code iat}, {@code exp}, {@code iss} = {@code iocmap}. Only HS256 is accepted, so a token
 * claiming {@code alg: none} or another algorithm is rejected. Thread-safe.
 */
public final class JwtCodec {
    private static final String HEADER = Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    private static final String ISSUER = "iocmap";
    private final byte[] secret;
    private final Duration ttl;
    private final Clock clock;
    private final Function<String, Optional<Area>> areas;

    /** Creates a codec whose tokens carry no area (every user it verifies is unlimited). */
    public JwtCodec(byte[] secret, Duration ttl, Clock clock) {
        this(secret, ttl, clock, code -> Optional.empty());
    }

    /**
     * Creates a codec that resolves the {@code area} claim of a token with {@code areas}.
     *
     * @param areas returns the area with a code; empty when there is none
     */
    public JwtCodec(byte[] secret, Duration ttl, Clock clock, Function<String, Optional<Area>> areas) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the signing secret must have at least 32 bytes, had " + secret.length);
        }
        this.secret = secret.clone();
        this.ttl = ttl;
        this.clock = clock;
        this.areas = areas;
    }

    /** Returns a signed token for this user, valid from now for the configured time to live. */
    public IssuedToken issue(String username, Set<String> roles) {
        return issue(username, roles, null);
    }

    /**
     * Returns a signed token for a user limited to an area (claim {@code area}, its code), valid from now for the
     * configured time to live.
     *
     * @param areaCode the area's code; null when the user is not limited
     */
    public IssuedToken issue(String username, Set<String> roles, String areaCode) {
        Instant now = clock.instant();
        Instant expires = now.plus(ttl);
        JsonObject claims = new JsonObject()
                .put("iss", ISSUER)
                .put("sub", username)
                .put("roles", new JsonArray(roles.stream().sorted().toList()))
                .put("iat", now.getEpochSecond())
                .put("exp", expires.getEpochSecond());
        if (areaCode != null) {
            claims.put("area", areaCode);
        }
        String payload = b64(claims.encode().getBytes(StandardCharsets.UTF_8));
        String signingInput = HEADER + "." + payload;
        return new IssuedToken(signingInput + "." + b64(sign(signingInput)), expires);
    }

    /**
     * Returns the viewer a token speaks for.
     *
     * @throws UnauthorizedException when the token is malformed, forged, of another algorithm or expired
     */
    public Viewer verify(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new UnauthorizedException("the bearer token is not a JWT (expected three dot-separated parts)");
        }
        byte[] signature;
        JsonObject header;
        JsonObject claims;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
            header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
            claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DecodeException e) {
            throw new UnauthorizedException("the bearer token is not valid Base64url JSON");
        }
        if (!"HS256".equals(header.getString("alg"))) {
            throw new UnauthorizedException("the bearer token must be signed with HS256");
        }
        if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
            throw new UnauthorizedException("the bearer token's signature is invalid");
        }
        Object exp = claims.getValue("exp");
        if (!(exp instanceof Number expSeconds) || clock.instant().getEpochSecond() >= expSeconds.longValue()) {
            throw new UnauthorizedException("the bearer token has expired; sign in again");
        }
        String subject = claims.getString("sub");
        JsonArray roles = claims.getJsonArray("roles", new JsonArray());
        Set<String> roleSet = new HashSet<>();
        roles.forEach(r -> roleSet.add(String.valueOf(r)));
        if (subject == null || subject.isBlank()) {
            throw new UnauthorizedException("the bearer token names no user");
        }
        Area area = null;
        if (claims.containsKey("area")) {
            String code = String.valueOf(claims.getValue("area"));
            // Fail closed: a limited user whose area is gone must not see everything.
            area = areas.apply(code)
                    .orElseThrow(() -> new UnauthorizedException(
                            "the area '" + code + "' of your token no longer exists; sign in again"));
        }
        return new Viewer(subject, roleSet, area);
    }

    private byte[] sign(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Holds a token and when it expires. */
    public record IssuedToken(String token, Instant expiresAt) {}
}
