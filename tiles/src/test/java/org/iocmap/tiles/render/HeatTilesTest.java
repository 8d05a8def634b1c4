package org.iocmap.tiles.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import javax.imageio.ImageIO;
import org.iocmap.layers.model.HeatCell;
import org.iocmap.styles.ColourRamp;
import org.iocmap.tiles.grid.TileCoord;
import org.junit.jupiter.api.Test;

class HeatTilesTest {
    private static BufferedImage read(byte[] png) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void eachCellFillsItsSquareWithTheRampColourOfItsShare() throws Exception {
        TileCoord tile = new TileCoord(10, 822, 476);
        int level = 13; // 8 x 8 cells of 32 pixels in the tile
        List<HeatCell> cells = List.of(
                new HeatCell(level, 822 * 8, 476 * 8, 10, 0), // top-left cell, the hottest
                new HeatCell(level, 822 * 8 + 7, 476 * 8 + 7, 1, 0), // bottom-right, a tenth of it
                new HeatCell(level, 823 * 8, 476 * 8, 50, 0)); // the neighbouring tile's: not drawn
        BufferedImage image = read(HeatTiles.render(tile, cells, false, 10, ColourRamp.HEAT));
        assertThat(image.getWidth()).isEqualTo(256);
        int hot = image.getRGB(16, 16);
        int cool = image.getRGB(240, 240);
        assertThat(hot >>> 24).isEqualTo(170);
        assertThat(hot & 0xffffff).isEqualTo(ColourRamp.HEAT.rgbAt(1.0) & 0xffffff);
        assertThat(cool & 0xffffff).isEqualTo(ColourRamp.HEAT.rgbAt(0.1) & 0xffffff);
        assertThat(image.getRGB(128, 128) >>> 24).isZero(); // no cell there
        assertThat(image.getRGB(31, 31)).isEqualTo(hot); // the cell's last pixel
        assertThat(image.getRGB(32, 32) >>> 24).isZero(); // the next cell's first
    }

    @Test
    void weightedCellsAreColouredByTheirSumsAndBadLevelsRefused() throws Exception {
        TileCoord tile = new TileCoord(3, 6, 3);
        List<HeatCell> cells = List.of(new HeatCell(3, 6, 3, 1000, 4.0));
        int rgb = read(HeatTiles.render(tile, cells, true, 8, ColourRamp.HEAT)).getRGB(100, 100);
        assertThat(rgb & 0xffffff).isEqualTo(ColourRamp.HEAT.rgbAt(0.5) & 0xffffff);
        assertThatThrownBy(
                        () -> HeatTiles.render(tile, List.of(new HeatCell(2, 3, 1, 1, 0)), false, 1, ColourRamp.HEAT))
                .hasMessageContaining("cannot be drawn on a tile of zoom 3");
    }

    @Test
    void aHexagonFillsThePixelsOfItsCentreAndNotThoseOfOtherCells() throws Exception {
        double lon = 109.19;
        double lat = 12.24; // Nha Trang
        int z = 11;
        TileCoord tile = org.iocmap.tiles.grid.WebMercator.tileAt(lon, lat, z);
        long cell = org.iocmap.layers.index.H3Cells.parent(org.iocmap.layers.index.H3Cells.cellOf(lon, lat), 7);
        HeatCell hexagon = new HeatCell(org.iocmap.layers.model.HeatGrid.H3, 7, cell, 5, 0);
        BufferedImage image = read(HeatTiles.render(tile, List.of(hexagon), false, 10, ColourRamp.HEAT));
        int[] centre = pixel(tile, org.iocmap.layers.index.H3Cells.centre(cell));
        int[] at = pixel(tile, new double[] {lon, lat});
        for (int[] p : List.of(centre, at)) {
            if (p[0] >= 0 && p[0] < 256 && p[1] >= 0 && p[1] < 256) {
                assertThat(image.getRGB(p[0], p[1]) & 0xffffff).isEqualTo(ColourRamp.HEAT.rgbAt(0.5) & 0xffffff);
            }
        }
        // A resolution-7 hexagon is about 2.6 km across, some 60 pixels at zoom 11: the tile's far corner is clear.
        int[] far = {at[0] < 128 ? 255 : 0, at[1] < 128 ? 255 : 0};
        assertThat(image.getRGB(far[0], far[1]) >>> 24).isZero();
        long filled = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                filled += image.getRGB(x, y) >>> 24 == 0 ? 0 : 1;
            }
        }
        assertThat(filled).isBetween(1_000L, 6_000L); // area ≈ 5.16 km² at ~41 m a pixel: ≈ 3,000 pixels
    }

    private static int[] pixel(TileCoord tile, double[] lonLat) {
        double world = 256 * Math.pow(2, tile.z());
        double s = Math.sin(Math.toRadians(lonLat[1]));
        double x = (lonLat[0] + 180) / 360 * world - tile.x() * 256.0;
        double y = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * world - tile.y() * 256.0;
        return new int[] {(int) Math.floor(x), (int) Math.floor(y)};
    }
}
