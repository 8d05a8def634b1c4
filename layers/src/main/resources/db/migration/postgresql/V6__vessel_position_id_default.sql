-- Vessel positions are written with COPY on PostgreSQL: their ids come from the shared sequence by default. A value
-- taken here is a block start that Hibernate's pooled ids never receive, so both writers can share the sequence.
ALTER TABLE vessel_position ALTER COLUMN id SET DEFAULT nextval('id_seq');
