-- The operator's queue (h2) reads the open reports in deadline order, a page at a time. H2 has no partial index: an
-- index on the deadline serves the order, the status is checked row by row.
CREATE INDEX citizen_report_deadline_at_idx ON citizen_report (deadline_at, id);
