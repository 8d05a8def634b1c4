package org.iocmap.layers.reports;

import java.time.Instant;

/**
 * Describes a stored photo of a report.
 *
 * @param fileName the generated file name under the photo folder: a UUID and the extension of its type
 * @param contentType {@code image/jpeg}, {@code image/png} or {@code image/webp}, from the file's first bytes
 * @param uploadedBy the user who sent it, or {@code open311} for a citizen's client
 */
public record ReportPhoto(
        long id,
        long reportId,
        PhotoKind kind,
        String fileName,
        String contentType,
        long sizeBytes,
        String uploadedBy,
        Instant at) {}
