/**
 * Makes the tiles of a layer: vector tiles from the store or from the layer's features, and PNG tiles drawn with the
 * layer's style.
 */
package org.iocmap.tiles.render;
