/** In-memory spatial indexes that answer point-layer questions without a database round trip. */
package org.iocmap.layers.index;
