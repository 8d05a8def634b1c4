package org.iocmap.layers.model;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Describes one attribute of a layer's features.
 *
 * @param name the property name in GeoJSON and in filters
 * @param unit the unit of a number, such as {@code m} or {@code deg}; null when it has none
 * @param restrictedTo the roles allowed to read this attribute; empty means every role that sees the layer
 * @param values for an attribute holding codes: the title of each code, in display order; empty otherwise
 */
public record AttributeDef(
        String name,
        AttributeType type,
        Title title,
        String unit,
        Set<String> restrictedTo,
        Map<String, Title> values) {
    public AttributeDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        restrictedTo = Set.copyOf(restrictedTo);
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values)); // keeps the display order
    }

    /** Creates an attribute every viewer of the layer may read. */
    public static AttributeDef of(String name, AttributeType type, String vi, String en) {
        return new AttributeDef(name, type, Title.of(vi, en), null, Set.of(), Map.of());
    }

    /** Returns a copy of this attribute with a unit. */
    public AttributeDef withUnit(String newUnit) {
        return new AttributeDef(name, type, title, newUnit, restrictedTo, values);
    }

    /** Returns a copy of this attribute readable only by the given roles. */
    public AttributeDef onlyFor(String... roles) {
        return new AttributeDef(name, type, title, unit, Set.of(roles), values);
    }

    /**
     * Returns a copy of this attribute whose values are codes with titles, given as triples: code, Vietnamese title,
     * English title.
     */
    public AttributeDef withValues(String... codeViEn) {
        if (codeViEn.length % 3 != 0) {
            throw new IllegalArgumentException("values come in triples code, vi, en; got " + codeViEn.length);
        }
        Map<String, Title> titles = new LinkedHashMap<>();
        for (int i = 0; i < codeViEn.length; i += 3) {
            titles.put(codeViEn[i], Title.of(codeViEn[i + 1], codeViEn[i + 2]));
        }
        return new AttributeDef(name, type, title, unit, restrictedTo, titles);
    }

    /** Tests whether a viewer holding {@code roles} may read this attribute. */
    public boolean isVisibleTo(Collection<String> roles) {
        return restrictedTo.isEmpty() || roles.stream().anyMatch(restrictedTo::contains);
    }
}
