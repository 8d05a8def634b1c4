package org.iocmap.layers.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Pins that an unreachable database is reported as "retry later", not as a bug. */
class StoreUnavailableTest {
    @Test
    void aDatabaseThatRefusesConnectionsIsStorageUnavailable() {
        // Port 1 on loopback: nothing listens there, so the driver's connection is refused at once.
        StoreSettings settings = new StoreSettings("jdbc:postgresql://127.0.0.1:1/iocmap", "u", "p", 1);
        assertThatThrownBy(() -> Store.open(settings))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("cannot reach the database");
    }

    @Test
    void anUnsupportedUrlIsRejectedAndItsPasswordHidden() {
        assertThatThrownBy(() -> new StoreSettings("jdbc:mysql://h/db?password=hunter2", "u", "p", 1))
                .hasMessageContaining("jdbc:h2: or jdbc:postgresql:")
                .hasMessageNotContaining("hunter2");
    }
}
