package org.iocmap.tiles.render;

import org.iocmap.tiles.grid.TileCoord;

/** Tells that a tile holds more features than one vector tile is made from; a higher zoom holds fewer. */
public final class TooManyFeaturesException extends RuntimeException {
    public TooManyFeaturesException(String layerId, TileCoord tile, long features) {
        super("tile " + tile.z() + "/" + tile.x() + "/" + tile.y() + " of layer '" + layerId + "' holds " + features
                + " features, more than the " + VectorTiles.MAX_FEATURES_PER_TILE
                + " a vector tile is made from; ask for a higher zoom");
    }
}
