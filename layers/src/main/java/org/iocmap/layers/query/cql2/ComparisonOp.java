package org.iocmap.layers.query.cql2;

/** Names the binary comparison operators of CQL2, each with the symbol it is written with. */
public enum ComparisonOp {
    EQ("="),
    NE("<>"),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    ComparisonOp(String symbol) {
        this.symbol = symbol;
    }

    /** Returns the operator as written in CQL2 Text, such as {@code <>}. */
    public String symbol() {
        return symbol;
    }

    /** Returns the operator written as {@code symbol}, or null when there is none. */
    static ComparisonOp fromSymbol(String symbol) {
        for (ComparisonOp op : values()) {
            if (op.symbol.equals(symbol)) {
                return op;
            }
        }
        return null;
    }
}
