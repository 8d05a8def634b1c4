/** Serves citizen reports: Open311 GeoReport v2 for citizens' clients and the operators' workflow API. */
package org.iocmap.service.reports;
