package org.iocmap.layers.demo;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.iocmap.layers.kinds.LandUsePlan;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Generates zones of a land-use plan for 2021–2030: quads of 300–700 m on a jittered 800 m grid, grouped into small
 * clusters, each with a national land-use code that fits where it lies (city, coast, plain, hills).
 *
 * <p>Each quad stays at least 50 m inside its own grid cell, so no two zones overlap. A cell is used only when its
 * whole quad lies on land inside the province.
 */
final class LandUsePlanGenerator {
    static final int COUNT = 300;
    static final String PERIOD = "2021-2030";

    /** Approval of the plan: a fixed date, since a plan for 2021–2030 does not move with the demo's anchor. */
    static final Instant APPROVED_AT =
            OffsetDateTime.of(2022, 5, 1, 0, 0, 0, 0, ZoneOffset.ofHours(7)).toInstant();

    private static final double CELL_METRES = 800;
    private static final double MIN_INSET_METRES = 50;
    private static final double MAX_INSET_METRES = 250;

    /** Lists the land-use codes of the national classification with their official names. */
    static final Map<String, String> NAMES = names(
            "LUC", "Đất chuyên trồng lúa nước",
            "LUK", "Đất trồng lúa nước còn lại",
            "HNK", "Đất trồng cây hằng năm khác",
            "CLN", "Đất trồng cây lâu năm",
            "RSX", "Đất rừng sản xuất",
            "RPH", "Đất rừng phòng hộ",
            "RDD", "Đất rừng đặc dụng",
            "NTS", "Đất nuôi trồng thủy sản",
            "ONT", "Đất ở tại nông thôn",
            "ODT", "Đất ở tại đô thị",
            "TSC", "Đất xây dựng trụ sở cơ quan",
            "CQP", "Đất quốc phòng",
            "CAN", "Đất an ninh",
            "SKK", "Đất khu công nghiệp",
            "TMD", "Đất thương mại, dịch vụ",
            "SKC", "Đất cơ sở sản xuất phi nông nghiệp",
            "DGT", "Đất giao thông",
            "DTL", "Đất thủy lợi",
            "DGD", "Đất xây dựng cơ sở giáo dục và đào tạo",
            "DYT", "Đất xây dựng cơ sở y tế",
            "DTT", "Đất xây dựng cơ sở thể dục thể thao",
            "DKV", "Đất khu vui chơi, giải trí công cộng",
            "NTD", "Đất nghĩa trang, nghĩa địa",
            "SON", "Đất sông, ngòi, kênh, rạch, suối",
            "BCS", "Đất bằng chưa sử dụng",
            "DCS", "Đất đồi núi chưa sử dụng");

    /** Industrial parks: Suối Dầu (Cam Lâm), Ninh Thủy (Ninh Hòa), Nam Cam Ranh. */
    private static final double[][] INDUSTRIAL_PARKS = {{109.105, 12.118}, {109.215, 12.520}, {109.105, 11.872}};

    /** The Cam Ranh peninsula: the airport and the naval area. */
    private static final double[] CAM_RANH_PENINSULA = {109.222, 11.990};

    /** Nha Trang's beach front along Trần Phú: hotels, restaurants, parks. */
    private static final double[] NHA_TRANG_BEACH = {109.196, 12.232};

    /** The Hòn Bà nature reserve, special-use forest. */
    private static final double[] HON_BA = {108.980, 12.120};

    private static final Weighted<String> CITY_BEACH = Weighted.of("TMD", 55, "DKV", 15, "ODT", 20, "DTT", 10);
    private static final Weighted<String> CITY = Weighted.of(
            "ODT", 45, "TMD", 8, "DGD", 8, "DYT", 5, "DTT", 5, "TSC", 6, "DGT", 8, "DKV", 5, "CAN", 2, "SKC", 3, "DTL",
            2, "NTD", 3);
    private static final Weighted<String> TOWN_CENTRE =
            Weighted.of("ODT", 50, "TSC", 8, "DGD", 10, "DYT", 6, "DTT", 5, "DGT", 8, "TMD", 8, "SKC", 5);
    private static final Weighted<String> INDUSTRY = Weighted.of("SKK", 70, "SKC", 15, "DGT", 8, "ONT", 7);
    private static final Weighted<String> PENINSULA = Weighted.of("CQP", 60, "DGT", 25, "TMD", 10, "RPH", 5);
    private static final Weighted<String> COAST =
            Weighted.of("NTS", 45, "ONT", 20, "RPH", 10, "TMD", 10, "BCS", 8, "DGT", 7);
    private static final Weighted<String> PLAIN = Weighted.of(
            "LUC", 25, "LUK", 12, "HNK", 12, "CLN", 15, "ONT", 14, "DTL", 6, "DGT", 5, "NTD", 4, "BCS", 3, "SON", 2,
            "SKC", 2);
    private static final Weighted<String> HILLS =
            Weighted.of("RSX", 40, "RPH", 28, "CLN", 14, "DCS", 10, "HNK", 6, "ONT", 2);
    private static final Weighted<String> RESERVE = Weighted.of("RDD", 75, "RPH", 20, "DCS", 5);

    private LandUsePlanGenerator() {}

    /** Creates {@value #COUNT} non-overlapping plan zones on land inside the province. */
    static List<LandUsePlan> generate(DemoGeography geo) {
        Dice dice = new Dice(DemoData.SEED, "land-use");
        Grid grid = Grid.over(geo.landInProvince());
        Map<Long, Polygon> candidates = candidates(dice, geo, grid);
        List<Long> keys = new ArrayList<>(candidates.keySet());
        Set<Long> taken = new HashSet<>(); // membership only; the order comes from the lists
        List<LandUsePlan> plans = new ArrayList<>(COUNT);
        // Planned areas first, so that their kinds of zone are always there; then clusters around the towns, where
        // planning attention goes, and a quarter anywhere in the province.
        // The planned areas get the use they are known for; town centres get what fits where the cluster lands.
        List<Focus> focus = new ArrayList<>();
        for (double[] park : INDUSTRIAL_PARKS) {
            focus.add(new Focus(park, "SKK"));
        }
        focus.add(new Focus(CAM_RANH_PENINSULA, "CQP"));
        focus.add(new Focus(HON_BA, "RDD"));
        focus.add(new Focus(NHA_TRANG_BEACH, "TMD"));
        for (Town town : Town.ALL) {
            town.centres().forEach(c -> focus.add(new Focus(c, null)));
        }
        for (Focus f : focus) {
            long seed = seedNear(dice, grid, candidates, taken, f.point()[0], f.point()[1], 800);
            if (seed >= 0) {
                addCluster(dice, geo, grid, candidates, taken, seed, f.use(), plans);
            }
        }
        double[] townWeights = {0.35, 0.15, 0.15, 0.08, 0.1, 0.1, 0.04, 0.03};
        while (plans.size() < COUNT) {
            long seed;
            if (dice.chance(0.75)) {
                Town town = Town.ALL.get(dice.weighted(townWeights));
                double[] centre = dice.pick(town.centres());
                seed = seedNear(dice, grid, candidates, taken, centre[0], centre[1], 3000);
            } else {
                seed = keys.get(dice.between(0, keys.size() - 1));
            }
            if (seed >= 0 && !taken.contains(seed)) {
                addCluster(dice, geo, grid, candidates, taken, seed, null, plans);
            }
        }
        return plans;
    }

    /** Returns a free candidate cell scattered around a point, or -1 when a few tries find none. */
    private static long seedNear(
            Dice dice,
            Grid grid,
            Map<Long, Polygon> candidates,
            Set<Long> taken,
            double lon,
            double lat,
            double spread) {
        for (int attempt = 0; attempt < 50; attempt++) {
            long key = grid.key(
                    lon + dice.gaussian() * spread / LocalMetres.metresPerDegreeLon(lat),
                    lat + dice.gaussian() * spread / LocalMetres.metresPerDegreeLat());
            if (candidates.containsKey(key) && !taken.contains(key)) {
                return key;
            }
        }
        return -1;
    }

    /**
     * Grows a cluster from {@code seed} and adds its zones to {@code plans}, up to {@value #COUNT} in all.
     *
     * @param primary the cluster's main use; null to choose it from where the seed lies
     */
    private static void addCluster(
            Dice dice,
            DemoGeography geo,
            Grid grid,
            Map<Long, Polygon> candidates,
            Set<Long> taken,
            long seed,
            String primary,
            List<LandUsePlan> plans) {
        List<Long> cluster = grow(dice, grid, candidates, taken, seed, dice.between(3, 12));
        String main = primary != null ? primary : codeFor(dice, geo, centroid(candidates.get(seed)));
        for (long key : cluster) {
            if (plans.size() == COUNT) {
                return;
            }
            Polygon quad = candidates.get(key);
            Point centre = centroid(quad);
            // Mostly one use per cluster, as zones of a plan come in blocks, with a few parcels of other uses.
            String code = dice.chance(0.6) ? main : codeFor(dice, geo, centre);
            plans.add(new LandUsePlan(
                    String.format(Locale.ROOT, "QH-KH-%04d", plans.size() + 1),
                    code,
                    NAMES.get(code),
                    PERIOD,
                    Town.nearest(centre.getX(), centre.getY()).district(), // nearest town: a fair guess
                    StrictMath.rint(LocalMetres.areaSquareMetres(quad)),
                    APPROVED_AT,
                    DemoGeography.WGS84.createMultiPolygon(new Polygon[] {quad})));
        }
    }

    /** Returns the quad of every grid cell that lies on land in the province, keyed by cell, in row-major order. */
    private static Map<Long, Polygon> candidates(Dice dice, DemoGeography geo, Grid grid) {
        Map<Long, Polygon> candidates = new LinkedHashMap<>();
        double insetLat = 1 / LocalMetres.metresPerDegreeLat();
        double insetLon = 1 / LocalMetres.metresPerDegreeLon(grid.refLat());
        for (int row = 0; row < grid.rows(); row++) {
            for (int col = 0; col < grid.cols(); col++) {
                // Draw the insets of every cell, kept or not, so a change to the land file moves no other cell.
                double[] inset = new double[8];
                for (int i = 0; i < inset.length; i++) {
                    inset[i] = dice.uniform(MIN_INSET_METRES, MAX_INSET_METRES);
                }
                double x0 = grid.minLon() + col * grid.dLon();
                double y0 = grid.minLat() + row * grid.dLat();
                double x1 = x0 + grid.dLon();
                double y1 = y0 + grid.dLat();
                if (!geo.isOnLand(DemoGeography.point((x0 + x1) / 2, (y0 + y1) / 2))) {
                    continue; // cheap test first: most cells at the edge fail here
                }
                Coordinate[] ring = {
                    corner(x0 + inset[0] * insetLon, y0 + inset[1] * insetLat),
                    corner(x1 - inset[2] * insetLon, y0 + inset[3] * insetLat),
                    corner(x1 - inset[4] * insetLon, y1 - inset[5] * insetLat),
                    corner(x0 + inset[6] * insetLon, y1 - inset[7] * insetLat),
                    null
                };
                ring[4] = ring[0].copy();
                Polygon quad = DemoGeography.WGS84.createPolygon(ring);
                if (geo.isOnLand(quad)) {
                    candidates.put(grid.key(row, col), quad);
                }
            }
        }
        return candidates;
    }

    private static Coordinate corner(double lon, double lat) {
        return new Coordinate(DemoGeography.round(lon), DemoGeography.round(lat));
    }

    /** Grows a cluster of up to {@code size} free candidate cells from {@code seed}, through shared edges. */
    private static List<Long> grow(
            Dice dice, Grid grid, Map<Long, Polygon> candidates, Set<Long> taken, long seed, int size) {
        List<Long> cluster = new ArrayList<>(List.of(seed));
        taken.add(seed);
        int[][] steps = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
        for (int attempt = 0; attempt < 60 && cluster.size() < size; attempt++) {
            long from = dice.pick(cluster);
            int[] step = steps[dice.between(0, 3)];
            long next = grid.key(grid.row(from) + step[0], grid.col(from) + step[1]);
            if (candidates.containsKey(next) && taken.add(next)) {
                cluster.add(next);
            }
        }
        return cluster;
    }

    /** Chooses a land-use code that fits where {@code p} lies. */
    private static String codeFor(Dice dice, DemoGeography geo, Point p) {
        double lon = p.getX();
        double lat = p.getY();
        Town town = Town.nearest(lon, lat);
        double townMetres = town.metresFrom(lon, lat);
        double coastMetres = geo.coastMetres(p);
        for (double[] park : INDUSTRIAL_PARKS) {
            if (LocalMetres.distance(lon, lat, park[0], park[1]) < 3000) {
                return INDUSTRY.draw(dice);
            }
        }
        if (LocalMetres.distance(lon, lat, CAM_RANH_PENINSULA[0], CAM_RANH_PENINSULA[1]) < 3000) {
            return PENINSULA.draw(dice);
        }
        if (town == Town.NHA_TRANG && townMetres < 2500) {
            return coastMetres < 700 ? CITY_BEACH.draw(dice) : CITY.draw(dice);
        }
        if (townMetres < 1500) {
            return TOWN_CENTRE.draw(dice);
        }
        if (LocalMetres.distance(lon, lat, HON_BA[0], HON_BA[1]) < 7000) {
            return RESERVE.draw(dice);
        }
        if (coastMetres < 1500) {
            return COAST.draw(dice);
        }
        // West of about 108.98° E and far inland the land rises into the Trường Sơn foothills.
        if (lon < 108.98 || coastMetres > 20_000) {
            return HILLS.draw(dice);
        }
        return PLAIN.draw(dice);
    }

    private static Point centroid(Polygon quad) {
        Point c = quad.getCentroid();
        return DemoGeography.point(c.getX(), c.getY());
    }

    private static Map<String, String> names(String... codesAndNames) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < codesAndNames.length; i += 2) {
            names.put(codesAndNames[i], codesAndNames[i + 1]);
        }
        return Map.copyOf(names);
    }

    /** Names a place that gets a cluster of zones, with its main use; null to choose the use from the place. */
    private record Focus(double[] point, String use) {}

    /** Lays an 800 m grid over an envelope; cells are keyed by row and column. */
    private record Grid(double minLon, double minLat, double dLon, double dLat, int rows, int cols, double refLat) {
        static Grid over(Envelope e) {
            double refLat = (e.getMinY() + e.getMaxY()) / 2;
            double dLon = CELL_METRES / LocalMetres.metresPerDegreeLon(refLat);
            double dLat = CELL_METRES / LocalMetres.metresPerDegreeLat();
            int rows = (int) StrictMath.ceil(e.getHeight() / dLat);
            int cols = (int) StrictMath.ceil(e.getWidth() / dLon);
            return new Grid(e.getMinX(), e.getMinY(), dLon, dLat, rows, cols, refLat);
        }

        long key(int row, int col) {
            return row < 0 || col < 0 || row >= rows || col >= cols ? -1 : (long) row * cols + col;
        }

        long key(double lon, double lat) {
            return key((int) StrictMath.floor((lat - minLat) / dLat), (int) StrictMath.floor((lon - minLon) / dLon));
        }

        int row(long key) {
            return (int) (key / cols);
        }

        int col(long key) {
            return (int) (key % cols);
        }
    }
}
