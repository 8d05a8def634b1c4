package org.iocmap.service.http;

/** Signals a request parameter that cannot be used; the message names it, shows the value and what was expected. */
public final class InvalidInputException extends IllegalArgumentException {
    private static final int MAX_SHOWN = 80;
    private final String parameter;

    /** Creates the exception: {@code bbox=1,2,3 is invalid; expected 4 comma-separated numbers…}. */
    public InvalidInputException(String parameter, String value, String expected) {
        super(parameter + "=" + abbreviate(value) + " is invalid; expected " + expected);
        this.parameter = parameter;
    }

    /** Returns the name of the bad parameter. */
    public String parameter() {
        return parameter;
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "(missing)";
        }
        return value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN) + "…";
    }
}
