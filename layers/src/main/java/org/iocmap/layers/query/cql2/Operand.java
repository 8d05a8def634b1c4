package org.iocmap.layers.query.cql2;

import java.time.Instant;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/** Holds one value in a CQL2 predicate: a property of the feature or a literal. Records are immutable. */
public sealed interface Operand {

    /**
     * Names a property of the feature, as written: {@code title} or {@code "tên đường"}. Names are case-sensitive,
     * except the reserved {@code geom}, {@code geometry} and {@code datetime} described in {@link FeatureView}.
     */
    record Property(String name) implements Operand {
        public Property {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a property name must not be empty");
            }
        }
    }

    /**
     * Holds a scalar literal: a {@link String}, a {@link Long} (a number written without a decimal point or exponent),
     * a finite {@link Double}, or a {@link Boolean}.
     */
    record Literal(Object value) implements Operand {
        public Literal {
            Objects.requireNonNull(value, "value");
            boolean finiteDouble = value instanceof Double d && Double.isFinite(d);
            if (!(value instanceof String || value instanceof Long || finiteDouble || value instanceof Boolean)) {
                throw new IllegalArgumentException("a literal is a String, Long, finite Double or Boolean, was "
                        + value.getClass().getName() + " " + value);
            }
        }
    }

    /**
     * Holds a closed time interval [start, end] in UTC. {@code TIMESTAMP('…')} gives an instant (start equals end);
     * {@code DATE('2026-01-31')} the whole UTC day, from 00:00:00 to 23:59:59.999999 (microseconds, the resolution of
     * PostgreSQL timestamps); {@code INTERVAL(a, b)} its bounds, where a null bound ({@code '..'}) is open.
     */
    record TimeLiteral(Instant start, Instant end) implements Operand {
        public TimeLiteral {
            if (start != null && end != null && start.isAfter(end)) {
                throw new IllegalArgumentException("start must not be after end, was " + start + " > " + end);
            }
        }

        /** Creates the literal for one instant. */
        public static TimeLiteral of(Instant instant) {
            Objects.requireNonNull(instant, "instant");
            return new TimeLiteral(instant, instant);
        }

        /** Tests whether this literal is a single instant rather than a period. */
        public boolean isInstant() {
            return start != null && start.equals(end);
        }
    }

    /**
     * Holds a geometry literal in EPSG:4326 (SRID 4326, x = longitude), from WKT or from {@code BBOX(…)}. The geometry
     * must not be changed after it is wrapped, since evaluators share it across threads.
     */
    record GeometryLiteral(Geometry g) implements Operand {
        public GeometryLiteral {
            Objects.requireNonNull(g, "g");
        }
    }
}
