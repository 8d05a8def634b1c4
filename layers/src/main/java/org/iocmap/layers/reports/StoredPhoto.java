package org.iocmap.layers.reports;

/**
 * Describes a photo file {@link PhotoFiles} has checked and stored, not yet recorded in the database.
 *
 * @param fileName the generated name: a UUID and the extension of {@code type}
 */
public record StoredPhoto(String fileName, PhotoType type, long sizeBytes) {}
