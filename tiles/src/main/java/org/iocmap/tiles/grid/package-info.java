/** Tile grid: Web Mercator (EPSG:3857) tile coordinates and the maths between tiles, metres and longitude/latitude. */
package org.iocmap.tiles.grid;
