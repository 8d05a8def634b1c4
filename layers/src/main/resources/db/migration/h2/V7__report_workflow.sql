-- Citizen reports as a workflow (h2): categories, the workflow columns, history, comments and photos.
-- Report categories, one per Open311 service: a stable ASCII service_code, names, the responsible agency (NULL: the
-- People's Committee of the ward or commune of the report's address) and the deadline in hours. The Vietnamese name
-- is what citizen_report.category holds (the map layer shows it).
CREATE TABLE report_category (
    service_code varchar(64) PRIMARY KEY,
    name_vi varchar(128) NOT NULL UNIQUE,
    name_en varchar(128) NOT NULL,
    description_vi varchar(1000) NOT NULL,
    description_en varchar(1000) NOT NULL,
    agency varchar(255),
    deadline_hours integer NOT NULL CHECK (deadline_hours > 0),
    keywords varchar(500) NOT NULL,
    group_name varchar(128) NOT NULL,
    sort_order integer NOT NULL
);

INSERT INTO report_category (service_code, name_vi, name_en, description_vi, description_en, agency, deadline_hours, keywords, group_name, sort_order) VALUES
    ('trat-tu-do-thi', 'Trật tự đô thị', 'Urban order',
        'Lấn chiếm vỉa hè, lòng đường; xây dựng không phép; quảng cáo, rao vặt trái phép; đậu xe sai quy định.',
        'Encroachment on pavements and roads, building without a permit, illegal advertising, illegal parking.',
        NULL, 168, 'vỉa hè,lấn chiếm,xây dựng,quảng cáo,đậu xe,hàng rong', 'Đô thị', 10),
    ('moi-truong', 'Môi trường', 'Environment',
        'Rác thải tồn đọng, nước thải, khói bụi, mùi hôi, đốt rác, xả thải ra kênh mương và bãi biển.',
        'Uncollected waste, sewage, smoke and dust, odours, burning rubbish, dumping into canals and on beaches.',
        'Sở Tài nguyên và Môi trường', 240, 'rác,nước thải,khói,bụi,mùi hôi,ô nhiễm', 'Môi trường', 20),
    ('ha-tang-giao-thong', 'Hạ tầng giao thông', 'Transport infrastructure',
        'Ổ gà, sụt lún mặt đường, đèn tín hiệu giao thông hỏng, nắp hố ga vỡ, biển báo bị che khuất.',
        'Potholes, road subsidence, broken traffic lights, broken manhole covers, hidden road signs.',
        'Sở Giao thông vận tải', 168, 'ổ gà,mặt đường,đèn tín hiệu,hố ga,biển báo', 'Giao thông', 30),
    ('an-toan-thuc-pham', 'An toàn thực phẩm', 'Food safety',
        'Cơ sở ăn uống không đảm bảo vệ sinh, nghi ngộ độc thực phẩm, thực phẩm không rõ nguồn gốc.',
        'Unhygienic eateries, suspected food poisoning, food of unknown origin.',
        'Sở Y tế', 120, 'ngộ độc,vệ sinh,thực phẩm,hóa chất', 'Y tế', 40),
    ('dien-chieu-sang', 'Điện – chiếu sáng', 'Electricity and street lighting',
        'Đèn đường không sáng, dây điện võng thấp, mất điện kéo dài, cột điện nghiêng.',
        'Street lights out, sagging power lines, long power cuts, leaning poles.',
        'Công ty Điện lực Khánh Hòa', 72, 'đèn đường,dây điện,mất điện,cột điện,chập điện', 'Hạ tầng kỹ thuật', 50),
    ('cap-thoat-nuoc', 'Cấp thoát nước', 'Water supply and drainage',
        'Vỡ ống nước, ngập úng, nước sinh hoạt đục, cống thoát nước bị tắc, mất nước sinh hoạt.',
        'Burst pipes, local flooding, cloudy tap water, blocked drains, water cuts.',
        'Công ty CP Cấp thoát nước Khánh Hòa', 120, 'ống nước,ngập,cống,mất nước,nước đục', 'Hạ tầng kỹ thuật', 60),
    ('an-ninh-trat-tu', 'An ninh trật tự', 'Public security and order',
        'Đua xe trái phép, trộm cắp tài sản, gây rối trật tự công cộng, cho vay nặng lãi, karaoke gây ồn.',
        'Street racing, theft, public disorder, loan sharking, noisy karaoke.',
        'Công an tỉnh Khánh Hòa', 72, 'đua xe,trộm cắp,gây rối,ồn ào,cho vay', 'An ninh', 70);

-- The workflow columns of a report. service_code is set from the category's name for the reports already stored.
-- The statuses the demo data uses are the workflow's own (NEW, ASSIGNED, IN_PROGRESS, RESOLVED, REJECTED): nothing to
-- map. A report merged into another is REJECTED with merged_into naming the other's code.
ALTER TABLE citizen_report ADD COLUMN service_code varchar(64);
ALTER TABLE citizen_report ADD COLUMN assigned_unit varchar(255);
ALTER TABLE citizen_report ADD COLUMN reporter_email varchar(255);
ALTER TABLE citizen_report ADD COLUMN device_id varchar(128);
ALTER TABLE citizen_report ADD COLUMN account_id varchar(128);
ALTER TABLE citizen_report ADD COLUMN media_url varchar(2000);
ALTER TABLE citizen_report ADD COLUMN client_key varchar(128);
ALTER TABLE citizen_report ADD COLUMN merged_into varchar(32);
ALTER TABLE citizen_report ADD COLUMN status_note varchar(4000);
ALTER TABLE citizen_report ADD COLUMN updated_at timestamp(6) with time zone;
UPDATE citizen_report SET service_code = (SELECT c.service_code FROM report_category c WHERE c.name_vi = citizen_report.category);
UPDATE citizen_report SET updated_at = COALESCE(resolved_at, created_at);
-- A client's idempotency key: a retried submission finds its report instead of making a second one (NULLs repeat).
ALTER TABLE citizen_report ADD CONSTRAINT citizen_report_client_key_key UNIQUE (client_key);
ALTER TABLE citizen_report ADD CONSTRAINT citizen_report_status_check
    CHECK (status IN ('NEW', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED'));
CREATE INDEX citizen_report_service_code_created_at_idx ON citizen_report (service_code, created_at);
CREATE INDEX citizen_report_status_deadline_at_idx ON citizen_report (status, deadline_at);

-- Numbers of the reports made through the workflow: PA-<year>-<number>. They start above any number the demo data's
-- per-year register reaches, and count on across years.
CREATE SEQUENCE report_code_seq START WITH 100001 INCREMENT BY 1;

-- Every state change of a report (who, when, what, from which status to which), written in the change's transaction.
CREATE TABLE report_history (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    report_id bigint NOT NULL REFERENCES citizen_report (id),
    acted_at timestamp(6) with time zone NOT NULL,
    actor varchar(64) NOT NULL,
    action varchar(16) NOT NULL,
    from_status varchar(16),
    to_status varchar(16),
    agency varchar(255),
    assigned_unit varchar(255),
    note varchar(4000)
);
CREATE INDEX report_history_report_id_idx ON report_history (report_id, id);

CREATE TABLE report_comment (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    report_id bigint NOT NULL REFERENCES citizen_report (id),
    author varchar(64) NOT NULL,
    body varchar(4000) NOT NULL,
    created_at timestamp(6) with time zone NOT NULL
);
CREATE INDEX report_comment_report_id_idx ON report_comment (report_id, id);

-- Photos of a report: sent with it (SUBMITTED) or with its resolution (RESOLUTION). The file lives under the data
-- directory (photos/<file_name>); the name is generated (UUID + extension), never taken from the request.
CREATE TABLE report_photo (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    report_id bigint NOT NULL REFERENCES citizen_report (id),
    kind varchar(16) NOT NULL CHECK (kind IN ('SUBMITTED', 'RESOLUTION')),
    file_name varchar(64) NOT NULL UNIQUE,
    content_type varchar(32) NOT NULL,
    size_bytes bigint NOT NULL,
    uploaded_by varchar(64) NOT NULL,
    created_at timestamp(6) with time zone NOT NULL
);
CREATE INDEX report_photo_report_id_idx ON report_photo (report_id, id);
