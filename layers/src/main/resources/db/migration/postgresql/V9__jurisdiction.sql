-- Areas a user can be limited to (PostgreSQL): provinces loaded from the shipped boundaries, and areas an administrator adds
-- (a district, a ward, any polygon). A user with an area sees and acts on incidents inside it only.

CREATE TABLE admin_area (
    code varchar(64) PRIMARY KEY,
    name_vi varchar(255) NOT NULL,
    name_en varchar(255) NOT NULL,
    area_level varchar(16) NOT NULL,
    source varchar(255),
    geom geometry(MultiPolygon, 4326) NOT NULL,
    updated_at timestamp(3) with time zone NOT NULL
);

ALTER TABLE app_user ADD COLUMN area_code varchar(64) REFERENCES admin_area(code);
