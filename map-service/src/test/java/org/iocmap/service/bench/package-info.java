/** Measures the spatial queries of the service against raw PostGIS SQL and Redis GEOSEARCH on the same data. */
package org.iocmap.service.bench;
