-- A reading is stored once: the same station, parameter and time again is a retry.
CREATE UNIQUE INDEX env_reading_station_parameter_time_idx ON env_reading (station_id, parameter, measured_at);

-- The alert (a feature of the layer station_alerts) open for a station's parameter while its readings breach a
-- threshold; the row goes when the alert closes.
CREATE TABLE station_alert_open (
    station_id bigint NOT NULL REFERENCES env_station(id),
    parameter varchar(32) NOT NULL,
    feature_id bigint NOT NULL,
    opened_at timestamp(6) with time zone NOT NULL,
    PRIMARY KEY (station_id, parameter)
);
