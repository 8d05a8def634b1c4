package org.iocmap.layers.kinds;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * Stores a layer's metadata: titles, kind, access (public, or the roles that may read it) and, for generic layers,
 * the attribute schema. The six built-in kind layers are rows too, so an administrator can change their access.
 */
@Entity
@Table(name = "layer_def")
public class LayerDefinition {
    @Id
    private String id;

    private String kind;

    @Column(name = "title_vi")
    private String titleVi;

    @Column(name = "title_en")
    private String titleEn;

    @Column(name = "geometry_type")
    private String geometryType;

    @Column(name = "public_access")
    private boolean publicAccess;

    @Column(name = "read_roles")
    private String readRoles;

    /** For generic layers: a list of {name, type, vi, en}; null for built-in kinds, whose schema is in code. */
    @JdbcTypeCode(SqlTypes.JSON)
    private List<Map<String, String>> attributes;

    @Column(name = "sort_order")
    private int sortOrder;

    @Column(name = "created_at")
    private Instant createdAt;

    protected LayerDefinition() {}

    public LayerDefinition(
            String id,
            String kind,
            String titleVi,
            String titleEn,
            String geometryType,
            boolean publicAccess,
            Set<String> readRoles,
            List<Map<String, String>> attributes,
            int sortOrder,
            Instant createdAt) {
        this.id = id;
        this.kind = kind;
        this.titleVi = titleVi;
        this.titleEn = titleEn;
        this.geometryType = geometryType;
        this.publicAccess = publicAccess;
        this.readRoles = String.join(",", readRoles);
        this.attributes = attributes;
        this.sortOrder = sortOrder;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getKind() {
        return kind;
    }

    public String getTitleVi() {
        return titleVi;
    }

    public String getTitleEn() {
        return titleEn;
    }

    public String getGeometryType() {
        return geometryType;
    }

    public boolean isPublicAccess() {
        return publicAccess;
    }

    public void setPublicAccess(boolean publicAccess) {
        this.publicAccess = publicAccess;
    }

    /** Returns the roles that may read this layer, in stored order. */
    public Set<String> readRoleSet() {
        Set<String> roles = new LinkedHashSet<>();
        if (readRoles != null) {
            Arrays.stream(readRoles.split(","))
                    .map(String::trim)
                    .filter(r -> !r.isEmpty())
                    .forEach(roles::add);
        }
        return roles;
    }

    public List<Map<String, String>> getAttributes() {
        return attributes;
    }

    public int getSortOrder() {
        return sortOrder;
    }
}
