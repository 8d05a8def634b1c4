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
import org.iocmap.tiles.grid.WebMercator;

/**
 * Draws heat-map cells into a 256-pixel PNG tile: each cell fills its area with the ramp's colour for its value divided
 * by {@code max}, half transparent so the map shows through; empty cells stay transparent. Square cells of the Web
 * Mercator grid (at a level from the tile's zoom to eight below it) share the tiles' grid, so their edges fall on whole
 * pixels; H3 hexagons are drawn as their boundary projected to the tile, clipped at its edge (give the hexagons that
 * overlap the tile, each with its whole count, and neighbouring tiles agree).
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
                if (cell.grid() == org.iocmap.layers.model.HeatGrid.H3) {
                    double value = max > 0 ? Math.min(1, Math.max(0, cell.value(weighted) / max)) : 0;
                    if (value > 0) {
                        g.setColor(colour(ramp, value));
                        g.fill(hexagon(tile, cell.cell()));
                    }
                    continue;
                }
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
                double value = max > 0 ? Math.min(1, Math.max(0, cell.value(weighted) / max)) : 0;
                if (value <= 0) {
                    continue;
                }
                g.setColor(colour(ramp, value));
                g.fillRect(x * px, y * px, px, px);
            }
        } finally {
            g.dispose();
        }
        return png(image);
    }

    /** Returns the ramp's colour at {@code fraction} (0 to 1) of its range, half transparent. */
    private static Color colour(ColourRamp ramp, double fraction) {
        double first = ramp.stops().getFirst().value();
        double last = ramp.stops().getLast().value();
        int rgb = ramp.rgbAt(first + fraction * (last - first));
        return new Color((ALPHA << 24) | (rgb & 0xffffff), true);
    }

    /** Returns an H3 cell's boundary in the tile's pixels. */
    private static java.awt.geom.Path2D hexagon(TileCoord tile, long cell) {
        double[][] ring = org.iocmap.layers.index.H3Cells.boundary(cell);
        double worldPixels = SIZE * Math.pow(2, tile.z());
        java.awt.geom.Path2D.Double path = new java.awt.geom.Path2D.Double();
        for (int i = 0; i < ring.length; i++) {
            // The longitude may pass ±180 (a cell astride the antimeridian is kept whole): x straight from it.
            double px = (ring[i][0] + 180) / 360 * worldPixels - (double) tile.x() * SIZE;
            double my = WebMercator.toMetres(0, ring[i][1]).y;
            double py = (WebMercator.HALF_WORLD_METRES - my) / (2 * WebMercator.HALF_WORLD_METRES) * worldPixels
                    - (double) tile.y() * SIZE;
            if (i == 0) {
                path.moveTo(px, py);
            } else {
                path.lineTo(px, py);
            }
        }
        path.closePath();
        return path;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
