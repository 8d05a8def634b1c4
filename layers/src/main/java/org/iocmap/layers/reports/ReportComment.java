package org.iocmap.layers.reports;

import java.time.Instant;

/** Holds a comment an operator wrote on a report; comments do not change its status. */
public record ReportComment(long id, Instant at, String author, String text) {}
