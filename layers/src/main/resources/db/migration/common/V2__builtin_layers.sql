-- The six built-in layers, one per kind. Access is data, not code: an administrator may change it.
-- Land-use plans and environmental stations are public by default (anyone, GDAL included, may read them).
INSERT INTO layer_def (id, kind, title_vi, title_en, geometry_type, public_access, read_roles, sort_order, created_at) VALUES
    ('cameras', 'camera', 'Camera giám sát', 'Cameras', 'Point', FALSE, 'operator', 10, CURRENT_TIMESTAMP),
    ('citizen_reports', 'citizen_report', 'Phản ánh hiện trường', 'Citizen reports', 'Point', FALSE, 'operator,planner', 20, CURRENT_TIMESTAMP),
    ('fire_alarms', 'fire_alarm', 'Thiết bị báo cháy', 'Fire alarms', 'Point', FALSE, 'operator', 30, CURRENT_TIMESTAMP),
    ('vessels', 'vessel', 'Tàu cá', 'Fishing vessels', 'Point', FALSE, 'fisheries', 40, CURRENT_TIMESTAMP),
    ('env_stations', 'env_station', 'Trạm quan trắc môi trường', 'Environmental stations', 'Point', TRUE, 'operator,planner,fisheries', 50, CURRENT_TIMESTAMP),
    ('land_use_plans', 'land_use_plan', 'Quy hoạch sử dụng đất', 'Land-use plans', 'MultiPolygon', TRUE, 'operator,planner,fisheries', 60, CURRENT_TIMESTAMP);
