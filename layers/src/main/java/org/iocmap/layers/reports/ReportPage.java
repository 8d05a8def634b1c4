package org.iocmap.layers.reports;

import java.util.List;

/** Holds one page of a report list and how many reports the filter matches in all. */
public record ReportPage(List<Report> reports, long numberMatched) {}
