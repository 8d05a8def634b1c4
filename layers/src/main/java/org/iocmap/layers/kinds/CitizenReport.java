package org.iocmap.layers.kinds;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/** Stores a citizen report (phản ánh hiện trường) with its category, workflow state and deadline. */
@Entity
@Table(name = "citizen_report")
public class CitizenReport implements FeatureRecord {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "id_seq")
    @SequenceGenerator(name = "id_seq", sequenceName = "id_seq", allocationSize = 50)
    private Long id;

    private String code;

    private String category;

    @Column(name = "service_code")
    private String serviceCode;

    private String title;

    private String description;

    private String status;

    private String channel;

    @Column(name = "reporter_name")
    private String reporterName;

    @Column(name = "reporter_phone")
    private String reporterPhone;

    private String agency;

    private String address;

    private String district;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "deadline_at")
    private Instant deadlineAt;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    private Point geom;

    protected CitizenReport() {}

    public CitizenReport(
            String code,
            String category,
            String title,
            String description,
            String status,
            String channel,
            String reporterName,
            String reporterPhone,
            String agency,
            String address,
            String district,
            Instant createdAt,
            Instant deadlineAt,
            Instant resolvedAt,
            Point geom) {
        this.code = code;
        this.category = category;
        this.title = title;
        this.description = description;
        this.status = status;
        this.channel = channel;
        this.reporterName = reporterName;
        this.reporterPhone = reporterPhone;
        this.agency = agency;
        this.address = address;
        this.district = district;
        this.createdAt = createdAt;
        this.deadlineAt = deadlineAt;
        this.resolvedAt = resolvedAt;
        this.geom = geom;
    }

    @Override
    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public void setCode(String code) {
        this.code = code;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    /** Returns the category's stable code (table {@code report_category}); null for rows older than the categories. */
    public String getServiceCode() {
        return serviceCode;
    }

    public void setServiceCode(String serviceCode) {
        this.serviceCode = serviceCode;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public String getReporterName() {
        return reporterName;
    }

    public void setReporterName(String reporterName) {
        this.reporterName = reporterName;
    }

    public String getReporterPhone() {
        return reporterPhone;
    }

    public void setReporterPhone(String reporterPhone) {
        this.reporterPhone = reporterPhone;
    }

    public String getAgency() {
        return agency;
    }

    public void setAgency(String agency) {
        this.agency = agency;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getDistrict() {
        return district;
    }

    public void setDistrict(String district) {
        this.district = district;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getDeadlineAt() {
        return deadlineAt;
    }

    public void setDeadlineAt(Instant deadlineAt) {
        this.deadlineAt = deadlineAt;
    }

    public Instant getResolvedAt() {
        return resolvedAt;
    }

    public void setResolvedAt(Instant resolvedAt) {
        this.resolvedAt = resolvedAt;
    }

    public Point getGeom() {
        return geom;
    }

    @Override
    public Geometry geometry() {
        return geom;
    }

    @Override
    public Instant time() {
        return createdAt;
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("code", code);
        p.put("category", category);
        p.put("title", title);
        p.put("description", description);
        p.put("status", status);
        p.put("channel", channel);
        p.put("reporter_name", reporterName);
        p.put("reporter_phone", reporterPhone);
        p.put("agency", agency);
        p.put("address", address);
        p.put("district", district);
        p.put("created_at", createdAt);
        p.put("deadline_at", deadlineAt);
        p.put("resolved_at", resolvedAt);
        return p;
    }
}
