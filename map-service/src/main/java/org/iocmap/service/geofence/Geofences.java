package org.iocmap.service.geofence;

import java.time.Clock;
import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.store.Store;

/**
 * Holds the fences of a running service: the stored ones ({@link GeofenceStore}), the catalog the engine reads
 * (kept equal to the store by the routes that change it) and the monitor that watches vessels against it.
 */
public final class Geofences implements AutoCloseable {
    private final GeofenceStore store;
    private final GeofenceCatalog catalog;
    private final GeofenceMonitor monitor;
    private final WebhookOutbox outbox; // null when no webhook is configured

    private Geofences(GeofenceStore store, GeofenceCatalog catalog, GeofenceMonitor monitor, WebhookOutbox outbox) {
        this.store = store;
        this.catalog = catalog;
        this.monitor = monitor;
        this.outbox = outbox;
    }

    /** Alerts' webhooks: where to post them, the signing secret (empty for none) and the first retry delay. */
    public record Webhooks(java.util.List<String> urls, String secret, java.time.Duration firstRetry) {
        /** No webhooks. */
        public static Webhooks none() {
            return new Webhooks(java.util.List.of(), "", java.time.Duration.ofSeconds(5));
        }
    }

    /** Loads the stored fences, makes sure the alert layer exists and starts the monitor, without webhooks. */
    public static Geofences start(Store store, LayerCatalog layers, Clock clock) {
        return start(store, layers, clock, Webhooks.none());
    }

    /** Loads the stored fences, makes sure the alert layer exists, starts the monitor and the webhook delivery. */
    public static Geofences start(Store store, LayerCatalog layers, Clock clock, Webhooks webhooks) {
        GeofenceStore fences = new GeofenceStore(store);
        GeofenceCatalog catalog = new GeofenceCatalog(
                fences.readAll().stream().map(GeofenceStore.StoredFence::fence).toList());
        GeofenceMonitor.ensureAlertLayer(layers);
        GeofenceMonitor monitor = new GeofenceMonitor(store, catalog, clock, webhooks.urls());
        monitor.start();
        WebhookOutbox outbox = null;
        if (!webhooks.urls().isEmpty()) {
            outbox = new WebhookOutbox(store, webhooks.secret(), webhooks.firstRetry(), clock);
            outbox.start();
        }
        return new Geofences(fences, catalog, monitor, outbox);
    }

    public GeofenceStore store() {
        return store;
    }

    public GeofenceCatalog catalog() {
        return catalog;
    }

    public GeofenceMonitor monitor() {
        return monitor;
    }

    @Override
    public void close() {
        monitor.close();
        if (outbox != null) {
            outbox.close();
        }
    }
}
