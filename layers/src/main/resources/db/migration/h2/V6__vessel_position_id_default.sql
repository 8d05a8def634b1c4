-- Kept in step with PostgreSQL, where vessel positions are written with COPY and take their ids from the sequence by
-- default (H2 writes them through Hibernate).
ALTER TABLE vessel_position ALTER COLUMN id SET DEFAULT NEXT VALUE FOR id_seq;
