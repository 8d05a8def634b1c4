package org.iocmap.layers.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.h3core.H3Core;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

/** Checks the bit arithmetic of {@link H3Cells} against H3's own library. */
class H3CellsTest {
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    @Test
    void aParentReadFromTheFinestCellIsTheOneH3Computes() throws IOException {
        H3Core h3 = H3Core.newInstance();
        Random r = new Random(7);
        int same = 0;
        int compared = 0;
        for (int i = 0; i < 2_000; i++) {
            double lon = -180 + 360 * r.nextDouble();
            double lat = -89 + 178 * r.nextDouble();
            long finest = H3Cells.cellOf(lon, lat);
            assertThat(h3.getResolution(finest)).isEqualTo(15);
            for (int res = 0; res <= 15; res++) {
                long parent = H3Cells.parent(finest, res);
                assertThat(parent).as("parent at %d of %f,%f", res, lon, lat).isEqualTo(h3.cellToParent(finest, res));
                compared++;
                same += parent == h3.latLngToCell(lat, lon, res) ? 1 : 0;
            }
        }
        // Children do not tile their parent exactly: near a hexagon's edge a point's parent can be the neighbour of
        // the cell that holds it (about 6 % of points at each resolution below 15).
        assertThat((double) same / compared).isGreaterThan(0.9);
    }

    @Test
    void aCellsBoundaryHoldsThePositionsThatFallInIt() {
        Random r = new Random(11);
        for (int i = 0; i < 500; i++) {
            double lon = 102 + 8 * r.nextDouble(); // Vietnam and its seas
            double lat = 8 + 15 * r.nextDouble();
            int res = 3 + r.nextInt(9);
            long cell = H3Cells.parent(H3Cells.cellOf(lon, lat), res);
            double[][] ring = H3Cells.boundary(cell);
            assertThat(ring.length).isBetween(5, 10); // hexagons, pentagons, and vertices added on icosahedron edges
            Coordinate[] coordinates = new Coordinate[ring.length + 1];
            for (int k = 0; k < ring.length; k++) {
                coordinates[k] = new Coordinate(ring[k][0], ring[k][1]);
            }
            coordinates[ring.length] = coordinates[0];
            Polygon hexagon = GEOMETRY.createPolygon(coordinates);
            // A parent's descendants reach a little past its outline (and edges are arcs drawn as straight lines):
            // allow a fifth of an edge, in degrees of longitude at this latitude.
            double slack = H3Cells.edgeMetres(res) * 0.2 / (111_320 * Math.cos(Math.toRadians(lat)));
            assertThat(hexagon.buffer(slack).contains(GEOMETRY.createPoint(new Coordinate(lon, lat))))
                    .as("cell %s holds %f,%f", H3Cells.address(cell), lon, lat)
                    .isTrue();
        }
    }

    @Test
    void theResolutionForACellSizeHasCellsOfAboutThatArea() {
        assertThat(H3Cells.resolutionFor(10_000))
                .isEqualTo(5); // 253 km² ≈ (15.9 km)²: nearest to (10 km)² on a log scale
        assertThat(H3Cells.resolutionFor(1)).isEqualTo(15);
        assertThat(H3Cells.resolutionFor(5_000_000)).isEqualTo(0);
        for (int res = 0; res <= 15; res++) {
            assertThat(H3Cells.resolutionFor(Math.sqrt(H3Cells.areaSquareMetres(res))))
                    .isEqualTo(res);
        }
    }
}
