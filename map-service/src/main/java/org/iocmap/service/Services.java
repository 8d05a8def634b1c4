package org.iocmap.service;

import org.iocmap.layers.kinds.LayerCatalog;
import org.iocmap.layers.store.Store;
import org.iocmap.service.auth.JwtCodec;
import org.iocmap.service.auth.UserService;
import org.iocmap.service.config.ServiceConfig;
import org.iocmap.service.ingest.IngestStats;

/** Holds the services built once at start and handed to the verticle; no static singletons. */
public record Services(
        ServiceConfig config,
        Store store,
        LayerCatalog catalog,
        UserService users,
        JwtCodec jwt,
        org.iocmap.service.tiles.TileService tiles,
        IngestStats ingestStats,
        org.iocmap.service.geofence.Geofences geofences,
        org.iocmap.service.auth.Jurisdictions jurisdictions,
        org.iocmap.service.alarms.FireAlarms alarms,
        org.iocmap.service.incidents.IncidentQueue incidents,
        org.iocmap.service.geoserver.GeoServerPublisher geoserver) {}
