package org.iocmap.layers.reports;

import java.time.Instant;

/**
 * Holds what a new report is made of, checked by the caller: a known category, a location in range, text within the
 * column sizes. Nullable fields may be null.
 *
 * @param title null to take the description's first sentence (or the category's name)
 * @param createdAt when the report was received; null for now. A hotline operator may enter an earlier time; the
 *     deadline counts from it
 * @param clientKey the client's idempotency key: a second submission with the same key returns the first report
 */
public record NewReport(
        String serviceCode,
        String title,
        String description,
        String channel,
        String reporterName,
        String reporterPhone,
        String reporterEmail,
        String deviceId,
        String accountId,
        String address,
        double lon,
        double lat,
        Instant createdAt,
        String mediaUrl,
        String clientKey) {}
