/** Takes in operational feeds: AIS NMEA sentences over HTTP. */
package org.iocmap.service.ingest;
