package org.iocmap.layers.query.cql2;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CQL2 text into tokens, each with its position. Characters that start no token become {@link Kind#INVALID}
 * tokens rather than errors, so that the parser can say what it expected in their place; only an unterminated string
 * or quoted name, and a malformed number, fail here.
 */
final class Cql2Lexer {
    enum Kind {
        IDENT,
        QUOTED_IDENT,
        STRING,
        NUMBER,
        LPAREN,
        RPAREN,
        COMMA,
        OP,
        INVALID,
        EOF
    }

    /**
     * Holds one token: its source text, its value (the unescaped string or name, or the Long or Double of a number)
     * and its start and end offsets.
     */
    record Token(Kind kind, String text, Object value, int start, int end) {
        /** Tests whether this is an unquoted identifier equal to {@code keyword}, ignoring case. */
        boolean is(String keyword) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
        }
    }

    private final String input;
    private int pos;

    private Cql2Lexer(String input) {
        this.input = input;
    }

    /** Returns the tokens of {@code input}, ending with one {@link Kind#EOF} token. */
    static List<Token> tokenize(String input) {
        Cql2Lexer lexer = new Cql2Lexer(input);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != Kind.EOF);
        return tokens;
    }

    private Token next() {
        while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos >= input.length()) {
            return new Token(Kind.EOF, "", null, start, start);
        }
        char c = input.charAt(pos);
        switch (c) {
            case '(' -> {
                return single(Kind.LPAREN);
            }
            case ')' -> {
                return single(Kind.RPAREN);
            }
            case ',' -> {
                return single(Kind.COMMA);
            }
            case '=' -> {
                return single(Kind.OP);
            }
            case '<' -> {
                pos++;
                if (pos < input.length() && (input.charAt(pos) == '=' || input.charAt(pos) == '>')) {
                    pos++;
                }
                return token(Kind.OP, null, start);
            }
            case '>' -> {
                pos++;
                if (pos < input.length() && input.charAt(pos) == '=') {
                    pos++;
                }
                return token(Kind.OP, null, start);
            }
            case '\'' -> {
                return quoted('\'', Kind.STRING, "a closing quote (') for the string that starts here");
            }
            case '"' -> {
                return quoted('"', Kind.QUOTED_IDENT, "a closing double quote (\") for the name that starts here");
            }
            case '!' -> {
                // Not CQL2, but common enough that the error should show "!=" rather than "!".
                pos += pos + 1 < input.length() && input.charAt(pos + 1) == '=' ? 2 : 1;
                return token(Kind.INVALID, null, start);
            }
            default -> {
                // handled below
            }
        }
        if (startsNumber(pos)) {
            return number(start);
        }
        int cp = input.codePointAt(pos);
        if (Character.isLetter(cp) || cp == '_') {
            while (pos < input.length()) {
                int part = input.codePointAt(pos);
                if (!(Character.isLetterOrDigit(part) || part == '_' || part == '.' || part == ':')) {
                    break;
                }
                pos += Character.charCount(part);
            }
            String text = input.substring(start, pos);
            return new Token(Kind.IDENT, text, text, start, pos);
        }
        pos += Character.charCount(cp);
        return token(Kind.INVALID, null, start);
    }

    private boolean startsNumber(int at) {
        int i = at;
        if (i < input.length() && (input.charAt(i) == '-' || input.charAt(i) == '+')) {
            i++;
        }
        if (i < input.length() && isDigit(input.charAt(i))) {
            return true;
        }
        return i + 1 < input.length() && input.charAt(i) == '.' && isDigit(input.charAt(i + 1));
    }

    private Token number(int start) {
        if (input.charAt(pos) == '-' || input.charAt(pos) == '+') {
            pos++;
        }
        boolean integral = true;
        skipDigits();
        if (pos < input.length() && input.charAt(pos) == '.') {
            integral = false;
            pos++;
            skipDigits();
        }
        if (pos < input.length() && (input.charAt(pos) == 'e' || input.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < input.length() && (input.charAt(pos) == '-' || input.charAt(pos) == '+')) {
                pos++;
            }
            if (pos < input.length() && isDigit(input.charAt(pos))) {
                integral = false;
                skipDigits();
            } else {
                pos = mark; // not an exponent: leave the 'e' to be reported as what follows the number
            }
        }
        String text = input.substring(start, pos);
        if (integral) {
            try {
                return new Token(Kind.NUMBER, text, Long.parseLong(text), start, pos);
            } catch (NumberFormatException e) {
                throw Cql2SyntaxException.expected(
                        start,
                        "an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE
                                + " (write a decimal point for larger numbers)",
                        Cql2Parser.quote(text));
            }
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw Cql2SyntaxException.expected(start, "a finite number", Cql2Parser.quote(text));
        }
        return new Token(Kind.NUMBER, text, value, start, pos);
    }

    private void skipDigits() {
        while (pos < input.length() && isDigit(input.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Reads a string or a quoted name, where a doubled quote stands for one. */
    private Token quoted(char quote, Kind kind, String expectedClosing) {
        int start = pos;
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= input.length()) {
                throw Cql2SyntaxException.expected(start, expectedClosing, "the end of the input");
            }
            char c = input.charAt(pos++);
            if (c == quote) {
                if (pos < input.length() && input.charAt(pos) == quote) {
                    value.append(quote);
                    pos++;
                } else {
                    break;
                }
            } else {
                value.append(c);
            }
        }
        return new Token(kind, input.substring(start, pos), value.toString(), start, pos);
    }

    private Token single(Kind kind) {
        pos++;
        return token(kind, null, pos - 1);
    }

    private Token token(Kind kind, Object value, int start) {
        return new Token(kind, input.substring(start, pos), value, start, pos);
    }
}
