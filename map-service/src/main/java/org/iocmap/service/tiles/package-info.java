/** Serves every layer as Mapbox Vector Tiles, with a TileJSON document per layer. */
package org.iocmap.service.tiles;
