/**
 * Environmental station readings: the ingest (HTTP), the alerts of readings beyond the Vietnamese thresholds (layer
 * {@code station_alerts}) and the station charts.
 */
package org.iocmap.service.readings;
