package org.iocmap.layers.reports;

import java.util.List;

/** Names the image types a report photo may have, each recognised by its first bytes (magic numbers). */
public enum PhotoType {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp");

    /** The accepted types, as error messages list them. */
    public static final String ACCEPTED = "JPEG, PNG or WebP";

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final String contentType;
    private final String extension;

    PhotoType(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    /** Returns the media type, such as {@code image/jpeg}. */
    public String contentType() {
        return contentType;
    }

    /** Returns the file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** Returns the type whose extension is {@code extension}; null when none. */
    public static PhotoType ofExtension(String extension) {
        for (PhotoType t : values()) {
            if (t.extension.equals(extension)) {
                return t;
            }
        }
        return null;
    }

    /**
     * Returns the type the first bytes of a file announce; null when they announce none of these. JPEG starts with
     * {@code FF D8 FF}, PNG with its 8-byte signature, WebP with {@code RIFF} and {@code WEBP} at offset 8.
     */
    public static PhotoType detect(byte[] head) {
        if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return JPEG;
        }
        if (startsWith(head, PNG_SIGNATURE, 0)) {
            return PNG;
        }
        if (startsWith(head, new byte[] {'R', 'I', 'F', 'F'}, 0)
                && startsWith(head, new byte[] {'W', 'E', 'B', 'P'}, 8)) {
            return WEBP;
        }
        return null;
    }

    private static boolean startsWith(byte[] head, byte[] prefix, int at) {
        if (head.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Returns every media type, for messages. */
    public static List<String> contentTypes() {
        return List.of(JPEG.contentType, PNG.contentType, WEBP.contentType);
    }
}
