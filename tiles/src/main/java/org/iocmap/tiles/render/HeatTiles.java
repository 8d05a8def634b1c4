package org.iocmap.tiles.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.iocmap.layers.model.HeatCell;
import org.iocmap.styles.ColourRamp;
import org.iocmap.tiles.grid.TileCoord;

/**
 * Draws heat-map cells into a 256-pixel PNG tile: each cell of the Web Mercator grid at a level at or below the tile's
 * zoom plus eight fills its square of pixels with the ramp's colour for its value divided by {@code max}, half
 * transparent so the map shows through; empty cells stay transparent. Cells and tiles share one grid, so cell edges
 * fall on whole pixels.
 */
public final class HeatTiles {
    /** Pixels along a tile's side. */
    public static final int SIZE = 256;

    private static final int ALPHA = 170;

    private HeatTiles() {}

    /**
     * Returns the PNG of {@code tile} with the cells that fall in it.
     *
     * @param weighted colour by the sum of weights; else by the count
     * @param max the value that gets the ramp's last colour; values above it get it too
     * @throws IllegalArgumentException when a cell's level is below the tile's zoom or more than 8 levels above it
     */
    public static byte[] render(TileCoord tile, List<HeatCell> cells, boolean weighted, double max, ColourRamp ramp) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setComposite(java.awt.AlphaComposite.Src); // cells do not overlap: set their pixels exactly
        try {
            for (HeatCell cell : cells) {
                int depth = cell.level() - tile.z();
                if (depth < 0 || depth > 8) {
                    throw new IllegalArgumentException(
                            "cells of level " + cell.level() + " cannot be drawn on a tile of" + " zoom " + tile.z()
                                    + "; use levels " + tile.z() + " to " + (tile.z() + 8));
                }
                int px = SIZE >> depth;
                int x = cell.x() - (tile.x() << depth);
                int y = cell.y() - (tile.y() << depth);
                if (x < 0 || y < 0 || x >= (1 << depth) || y >= (1 << depth)) {
                    continue; // a cell of a neighbouring tile
                }
                double value = max > 0 ? Math.min(1, Math.max(0, (weighted ? cell.sum() : cell.count()) / max)) : 0;
                if (value <= 0) {
                    continue;
                }
                int rgb = ramp.rgbAt(ramp.stops().getFirst().value()
                        + value
                                * (ramp.stops().getLast().value()
                                        - ramp.stops().getFirst().value()));
                g.setColor(new Color((ALPHA << 24) | (rgb & 0xffffff), true));
                g.fillRect(x * px, y * px, px, px);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
