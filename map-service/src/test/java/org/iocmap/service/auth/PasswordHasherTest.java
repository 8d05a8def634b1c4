package org.iocmap.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(1_000); // few iterations: the test checks logic, not cost

    @Test
    void theRightPasswordMatchesAndAWrongOneDoesNot() {
        String stored = hasher.hash("Mật khẩu 123");
        assertThat(hasher.matches("Mật khẩu 123", stored)).isTrue();
        assertThat(hasher.matches("Mật khẩu 124", stored)).isFalse();
    }

    @Test
    void thePasswordIsNotStoredAndEachHashHasItsOwnSalt() {
        String a = hasher.hash("admin");
        String b = hasher.hash("admin");
        assertThat(a).doesNotContain("admin").startsWith("pbkdf2-sha256$1000$");
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void malformedStoredFormsNeverMatch() {
        assertThat(hasher.matches("x", null)).isFalse();
        assertThat(hasher.matches("x", "plain")).isFalse();
        assertThat(hasher.matches("x", "pbkdf2-sha256$abc$$")).isFalse();
        assertThat(hasher.matches("x", "md5$1$2$3")).isFalse();
    }
}
