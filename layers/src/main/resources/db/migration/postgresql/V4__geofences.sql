-- Geofences and the state of the geofence monitor (postgresql).
-- A fence is a list of versions; each version's content (name, kind, geometry, schedule, vessel classes, rules) is
-- one JSON document, read by the service (org.iocmap.service.geofence.GeofenceJson). Versions are never changed or
-- deleted: alerts name the version that fired. Removing a fence records when and by whom.

CREATE TABLE geofence_version (
    fence_id varchar(64) NOT NULL,
    version integer NOT NULL,
    effective_from timestamp(3) with time zone NOT NULL,
    body text NOT NULL,
    created_by varchar(64) NOT NULL,
    created_at timestamp(3) with time zone NOT NULL,
    PRIMARY KEY (fence_id, version)
);

CREATE TABLE geofence_removal (
    fence_id varchar(64) PRIMARY KEY,
    removed_by varchar(64) NOT NULL,
    removed_at timestamp(3) with time zone NOT NULL
);

-- One row per alert raised, keyed by what makes an event itself (vessel, type, fence version, time): a replay after a
-- restart that finds the same event again does not raise it twice. Written in the alert's transaction.
CREATE TABLE geofence_alert_key (
    alert_key varchar(200) PRIMARY KEY,
    feature_id bigint NOT NULL
);

-- The monitor's saved state: the engine's snapshot (JSON) and the vessel positions it had read (all ids up to
-- position_id). One row.
CREATE TABLE geofence_monitor (
    id integer PRIMARY KEY,
    position_id bigint NOT NULL,
    snapshot text NOT NULL,
    saved_at timestamp(3) with time zone NOT NULL
);
