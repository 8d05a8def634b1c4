package org.iocmap.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Builds a multipart/form-data body the way a browser or a mobile app sends one. */
final class Multipart {
    private final String boundary = "----iocmap" + UUID.randomUUID().toString().replace("-", "");
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** Adds a text field. */
    Multipart field(String name, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    /** Adds a file field with the file name and type the client claims. */
    Multipart file(String name, String fileName, String contentType, byte[] content) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        body.writeBytes(content);
        write("\r\n");
        return this;
    }

    /** Returns the Content-Type header of the body. */
    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** Returns the body, closed by the final boundary. */
    byte[] bytes() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        try {
            body.writeTo(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return copy.toByteArray();
    }

    private void write(String text) {
        body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
