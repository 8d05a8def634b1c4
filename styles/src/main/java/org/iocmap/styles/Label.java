package org.iocmap.styles;

/**
 * Holds one user-visible text in Vietnamese and English, such as a rule's title in a legend.
 *
 * @param vi the Vietnamese text, shown by default
 * @param en the English text, shown when the user picks English
 */
public record Label(String vi, String en) {
    public Label {
        requireText("vi", vi);
        requireText("en", en);
    }

    /** Creates a label from its Vietnamese and English texts. */
    public static Label of(String vi, String en) {
        return new Label(vi, en);
    }

    void writeTo(JsonWriter json) {
        json.beginObject().name("vi").value(vi).name("en").value(en).endObject();
    }

    private static void requireText(String field, String text) {
        // A blank title would leave an empty line in the legend, which reads as a bug to the operator.
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("label " + field + " must not be blank, was " + JsonWriter.quote(text));
        }
    }
}
