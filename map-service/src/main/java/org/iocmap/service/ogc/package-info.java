/** Serves every readable layer through OGC API – Features (Part 1: core, GeoJSON, OpenAPI 3.0). */
package org.iocmap.service.ogc;
