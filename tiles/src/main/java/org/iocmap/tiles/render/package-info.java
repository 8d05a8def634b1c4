/** Makes the tiles of a layer: vector tiles from the store or from the layer's features. */
package org.iocmap.tiles.render;
