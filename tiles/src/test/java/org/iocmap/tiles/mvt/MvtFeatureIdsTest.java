package org.iocmap.tiles.mvt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.iocmap.layers.model.Feature;
import org.iocmap.tiles.grid.TileCoord;
import org.iocmap.tiles.grid.WebMercator;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

class MvtFeatureIdsTest {
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    @Test
    void readsTheIdsOfTheFeaturesTheTileHolds() {
        TileCoord tile = WebMercator.tileAt(109.19, 12.24, 12);
        List<Feature> features = List.of(
                new Feature(5, WGS84.createPoint(new Coordinate(109.19, 12.24)), null, Map.of("name", "a")),
                new Feature(300_000_000_000L, WGS84.createPoint(new Coordinate(109.191, 12.241)), null, Map.of()),
                new Feature(9, WGS84.createPoint(new Coordinate(100, 20)), null, Map.of())); // outside: not in it
        byte[] bytes = MvtEncoder.create().encode(tile, "cams", features);
        assertThat(MvtFeatureIds.read(bytes)).containsExactly(5, 300_000_000_000L);
        assertThat(MvtFeatureIds.read(new byte[0])).isEmpty();
        assertThatThrownBy(() -> MvtFeatureIds.read(new byte[] {0x1a, 0x7f, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runs past its end");
    }
}
