/** Measures distances on the WGS84 ellipsoid between EPSG:4326 points and geometries, the way PostGIS geography does. */
package org.iocmap.layers.query.geo;
