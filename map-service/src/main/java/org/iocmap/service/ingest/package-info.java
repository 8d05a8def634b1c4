/** Takes in operational feeds: AIS NMEA sentences over HTTP, TCP and UDP, and from a remote AIS feed. */
package org.iocmap.service.ingest;
