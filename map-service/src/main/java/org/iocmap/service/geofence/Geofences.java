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

    private Geofences(GeofenceStore store, GeofenceCatalog catalog, GeofenceMonitor monitor) {
        this.store = store;
        this.catalog = catalog;
        this.monitor = monitor;
    }

    /** Loads the stored fences, makes sure the alert layer exists and starts the monitor. */
    public static Geofences start(Store store, LayerCatalog layers, Clock clock) {
        GeofenceStore fences = new GeofenceStore(store);
        GeofenceCatalog catalog = new GeofenceCatalog(
                fences.readAll().stream().map(GeofenceStore.StoredFence::fence).toList());
        GeofenceMonitor.ensureAlertLayer(layers);
        GeofenceMonitor monitor = new GeofenceMonitor(store, catalog, clock);
        monitor.start();
        return new Geofences(fences, catalog, monitor);
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
    }
}
