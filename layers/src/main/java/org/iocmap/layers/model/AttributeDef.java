package org.iocmap.layers.model;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Describes one attribute of a layer's features.
 *
 * @param name the property name in GeoJSON and in filters
 * @param unit the unit of a number, such as {@code m} or {@code deg}; null when it has none
 * @param restrictedTo the roles allowed to read this attribute; empty means every role that sees the layer
 */
public record AttributeDef(String name, AttributeType type, Title title, String unit, Set<String> restrictedTo) {
    public AttributeDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        restrictedTo = Set.copyOf(restrictedTo);
    }

    /** Creates an attribute every viewer of the layer may read. */
    public static AttributeDef of(String name, AttributeType type, String vi, String en) {
        return new AttributeDef(name, type, Title.of(vi, en), null, Set.of());
    }

    /** Returns a copy of this attribute with a unit. */
    public AttributeDef withUnit(String newUnit) {
        return new AttributeDef(name, type, title, newUnit, restrictedTo);
    }

    /** Returns a copy of this attribute readable only by the given roles. */
    public AttributeDef onlyFor(String... roles) {
        return new AttributeDef(name, type, title, unit, Set.of(roles));
    }

    /** Tests whether a viewer holding {@code roles} may read this attribute. */
    public boolean isVisibleTo(Collection<String> roles) {
        return restrictedTo.isEmpty() || roles.stream().anyMatch(restrictedTo::contains);
    }
}
