package org.iocmap.layers.model;

import java.util.Objects;

/** Holds a user-visible text in Vietnamese (first) and English. */
public record Title(String vi, String en) {
    public Title {
        Objects.requireNonNull(vi, "vi");
        Objects.requireNonNull(en, "en");
    }

    /** Creates a title from its Vietnamese and English texts. */
    public static Title of(String vi, String en) {
        return new Title(vi, en);
    }
}
