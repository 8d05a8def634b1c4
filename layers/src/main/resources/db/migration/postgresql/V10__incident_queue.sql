-- The operator's queue (PostgreSQL) reads the open reports in deadline order, a page at a time: a partial index on the
-- open reports' deadlines gives that order without sorting every open report.
CREATE INDEX citizen_report_open_deadline_idx ON citizen_report (deadline_at, id)
    WHERE status IN ('NEW', 'ASSIGNED', 'IN_PROGRESS');
