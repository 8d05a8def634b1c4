package org.iocmap.layers.kinds;

/**
 * Signals a feature that cannot be stored in its layer. {@link #field()} names the culprit ({@code geometry},
 * {@code properties.height}), {@link #value()} shows it abbreviated and {@link #expected()} says what would do.
 */
public final class InvalidFeatureException extends IllegalArgumentException {
    private static final int MAX_SHOWN = 80;
    private final String field;
    private final String value;
    private final String expected;

    public InvalidFeatureException(String field, String value, String expected) {
        super(field + "=" + abbreviate(value) + " is invalid; expected " + expected);
        this.field = field;
        this.value = value;
        this.expected = expected;
    }

    /** Returns the name of the bad field. */
    public String field() {
        return field;
    }

    /** Returns the bad value as text; null when it was missing. */
    public String value() {
        return value;
    }

    /** Returns what the field should have held. */
    public String expected() {
        return expected;
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "(missing)";
        }
        return value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "…";
    }
}
