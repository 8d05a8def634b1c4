/** Publishes the service's layers and their SLD styles to a GeoServer through its REST API. */
package org.iocmap.service.geoserver;
