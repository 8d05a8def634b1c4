package org.iocmap.layers.query.cql2;

/**
 * Reports CQL2 text that cannot be parsed, or that uses a part of CQL2 not supported yet, with the position of the
 * offending token and what was expected there. Callers answer it with 400 and the message, which reads like {@code at
 * position 17: expected a comparison operator (=, <>, <, <=, >, >=), LIKE, IN, BETWEEN or IS but found 'foo'}.
 */
public final class Cql2SyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int position;
    private final String expected;

    private Cql2SyntaxException(int position, String expected, String message) {
        super("at position " + position + ": " + message);
        this.position = position;
        this.expected = expected;
    }

    /** Creates the exception for "expected X but found Y"; {@code found} is already quoted or described. */
    static Cql2SyntaxException expected(int position, String expected, String found) {
        return new Cql2SyntaxException(position, expected, "expected " + expected + " but found " + found);
    }

    /** Creates the exception for a problem that is not a wrong token, such as an unsupported operator. */
    static Cql2SyntaxException problem(int position, String problem, String expected) {
        return new Cql2SyntaxException(position, expected, problem + "; expected " + expected);
    }

    /**
     * Returns the 0-based offset in the filter text, in UTF-16 code units as Java and JavaScript index strings, of the
     * token where parsing failed.
     */
    public int position() {
        return position;
    }

    /** Returns what the parser expected at {@link #position()}, in words, such as {@code a property name or a literal}. */
    public String expected() {
        return expected;
    }
}
