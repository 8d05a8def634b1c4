package org.iocmap.layers.model;

/** Names the value types an attribute can have; {@link #id()} is the name used in the API schema. */
public enum AttributeType {
    STRING("string"),
    INTEGER("integer"),
    NUMBER("number"),
    BOOLEAN("boolean"),
    DATETIME("datetime"),
    DATE("date");

    private final String id;

    AttributeType(String id) {
        this.id = id;
    }

    /** Returns the schema name of this type. */
    public String id() {
        return id;
    }
}
