-- Schema of the feature store (H2 + H2GIS). Flyway owns the schema; Hibernate only validates it.
-- Coordinates are EPSG:4326, x = longitude. Ids come from one sequence; INCREMENT BY 50 matches the entities' allocationSize, so inserts batch.

CREATE SEQUENCE id_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE layer_def (
    id varchar(64) PRIMARY KEY,
    kind varchar(32) NOT NULL,
    title_vi varchar(255) NOT NULL,
    title_en varchar(255) NOT NULL,
    geometry_type varchar(32) NOT NULL,
    public_access boolean NOT NULL DEFAULT FALSE,
    read_roles varchar(255) NOT NULL DEFAULT '',
    attributes JSON,
    sort_order integer NOT NULL DEFAULT 0,
    created_at timestamp(6) with time zone NOT NULL
);

CREATE TABLE app_user (
    id bigint PRIMARY KEY,
    username varchar(64) NOT NULL UNIQUE,
    password_hash varchar(255) NOT NULL,
    roles varchar(255) NOT NULL,
    display_name varchar(255),
    created_at timestamp(6) with time zone NOT NULL
);

CREATE TABLE camera (
    id bigint PRIMARY KEY,
    code varchar(32) NOT NULL UNIQUE,
    name varchar(255),
    camera_type varchar(32) NOT NULL,
    heading_deg double precision NOT NULL,
    fov_deg double precision NOT NULL,
    range_m double precision NOT NULL,
    status varchar(16) NOT NULL,
    district varchar(128),
    installed_at timestamp(6) with time zone,
    geom GEOMETRY(POINT, 4326) NOT NULL
);
CREATE SPATIAL INDEX camera_geom_idx ON camera (geom);
CREATE INDEX camera_installed_at_idx ON camera (installed_at);

CREATE TABLE citizen_report (
    id bigint PRIMARY KEY,
    code varchar(32) NOT NULL UNIQUE,
    category varchar(64) NOT NULL,
    title varchar(255) NOT NULL,
    description varchar(4000),
    status varchar(16) NOT NULL,
    channel varchar(32) NOT NULL,
    reporter_name varchar(255),
    reporter_phone varchar(32),
    agency varchar(255),
    address varchar(255),
    district varchar(128),
    created_at timestamp(6) with time zone NOT NULL,
    deadline_at timestamp(6) with time zone,
    resolved_at timestamp(6) with time zone,
    geom GEOMETRY(POINT, 4326) NOT NULL
);
CREATE SPATIAL INDEX citizen_report_geom_idx ON citizen_report (geom);
CREATE INDEX citizen_report_created_at_idx ON citizen_report (created_at);

CREATE TABLE env_station (
    id bigint PRIMARY KEY,
    code varchar(32) NOT NULL UNIQUE,
    name varchar(255) NOT NULL,
    station_type varchar(16) NOT NULL,
    district varchar(128),
    last_reading_at timestamp(6) with time zone,
    last_parameter varchar(32),
    last_value double precision,
    last_unit varchar(16),
    last_aqi integer,
    geom GEOMETRY(POINT, 4326) NOT NULL
);
CREATE SPATIAL INDEX env_station_geom_idx ON env_station (geom);
CREATE INDEX env_station_last_reading_at_idx ON env_station (last_reading_at);

CREATE TABLE env_reading (
    id bigint PRIMARY KEY,
    station_id bigint NOT NULL REFERENCES env_station(id),
    measured_at timestamp(6) with time zone NOT NULL,
    parameter varchar(32) NOT NULL,
    reading_value double precision NOT NULL,
    unit varchar(16) NOT NULL
);
CREATE INDEX env_reading_station_id_measured_at_idx ON env_reading (station_id, measured_at);

CREATE TABLE vessel (
    id bigint PRIMARY KEY,
    mmsi varchar(9) NOT NULL UNIQUE,
    name varchar(128),
    call_sign varchar(16),
    registration_no varchar(32),
    ship_type varchar(32),
    length_m double precision,
    home_port varchar(128),
    flag varchar(64),
    last_fix_at timestamp(6) with time zone,
    speed_kn double precision,
    course_deg double precision,
    heading_deg double precision,
    geom GEOMETRY(POINT, 4326) NOT NULL
);
CREATE SPATIAL INDEX vessel_geom_idx ON vessel (geom);
CREATE INDEX vessel_last_fix_at_idx ON vessel (last_fix_at);
CREATE INDEX vessel_registration_no_idx ON vessel (registration_no);

CREATE TABLE vessel_position (
    id bigint PRIMARY KEY,
    vessel_id bigint NOT NULL REFERENCES vessel(id),
    mmsi varchar(9) NOT NULL,
    fix_at timestamp(6) with time zone NOT NULL,
    speed_kn double precision,
    course_deg double precision,
    geom GEOMETRY(POINT, 4326) NOT NULL
);
CREATE SPATIAL INDEX vessel_position_geom_idx ON vessel_position (geom);
CREATE INDEX vessel_position_vessel_id_fix_at_idx ON vessel_position (vessel_id, fix_at);

CREATE TABLE land_use_plan (
    id bigint PRIMARY KEY,
    code varchar(32) NOT NULL UNIQUE,
    land_use_code varchar(8) NOT NULL,
    land_use_name varchar(255) NOT NULL,
    plan_period varchar(16) NOT NULL,
    district varchar(128),
    area_m2 double precision,
    approved_at timestamp(6) with time zone,
    geom GEOMETRY(MULTIPOLYGON, 4326) NOT NULL
);
CREATE SPATIAL INDEX land_use_plan_geom_idx ON land_use_plan (geom);
CREATE INDEX land_use_plan_approved_at_idx ON land_use_plan (approved_at);
CREATE INDEX land_use_plan_land_use_code_idx ON land_use_plan (land_use_code);

CREATE TABLE fire_alarm_device (
    id bigint PRIMARY KEY,
    code varchar(32) NOT NULL UNIQUE,
    building varchar(255) NOT NULL,
    address varchar(255),
    floor integer,
    device_type varchar(32) NOT NULL,
    status varchar(16) NOT NULL,
    last_event varchar(16),
    district varchar(128),
    heartbeat_interval_s integer NOT NULL,
    last_event_at timestamp(6) with time zone,
    geom GEOMETRY(POINT, 4326) NOT NULL
);
CREATE SPATIAL INDEX fire_alarm_device_geom_idx ON fire_alarm_device (geom);
CREATE INDEX fire_alarm_device_last_event_at_idx ON fire_alarm_device (last_event_at);

CREATE TABLE fire_alarm_event (
    id bigint PRIMARY KEY,
    device_id bigint NOT NULL REFERENCES fire_alarm_device(id),
    event_type varchar(16) NOT NULL,
    occurred_at timestamp(6) with time zone NOT NULL
);
CREATE INDEX fire_alarm_event_device_id_occurred_at_idx ON fire_alarm_event (device_id, occurred_at);

CREATE TABLE generic_feature (
    id bigint PRIMARY KEY,
    layer_id varchar(64) NOT NULL REFERENCES layer_def(id),
    props JSON,
    feature_time timestamp(6) with time zone,
    geom GEOMETRY(GEOMETRY, 4326) NOT NULL
);
CREATE SPATIAL INDEX generic_feature_geom_idx ON generic_feature (geom);
CREATE INDEX generic_feature_layer_id_id_idx ON generic_feature (layer_id, id);
CREATE INDEX generic_feature_feature_time_idx ON generic_feature (feature_time);
