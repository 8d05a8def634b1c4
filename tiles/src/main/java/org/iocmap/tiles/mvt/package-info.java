/** Vector tiles: encodes layer features as Mapbox Vector Tiles (specification 2.1), matching PostGIS's ST_AsMVT. */
package org.iocmap.tiles.mvt;
