package org.iocmap.service.bench;

import java.io.IOException;
import java.util.List;
import org.locationtech.jts.geom.Point;

/**
 * Asks Redis the point questions with {@code GEOSEARCH}: a box of the same size in metres around the box's centre
 * (nearest first, at most 100, with coordinates), and the 10 nearest within a radius that widens fourfold, as the
 * service's search does, while fewer than 10 come back. Redis is a peer for points only: it has no polygons.
 */
final class RedisPeer {
    private static final double FIRST_RADIUS_METRES = 5_000;
    private static final double MAX_RADIUS_METRES = 20_000_000;

    private final BenchSettings settings;
    private final BenchQueries queries;

    RedisPeer(BenchSettings settings, BenchQueries queries) {
        this.settings = settings;
        this.queries = queries;
    }

    LoadRunner.Client bbox() throws IOException {
        RespClient redis = connect();
        return new LoadRunner.Client() {
            @Override
            public int call(long index) throws IOException {
                return searchBox(redis, queries.boxes[BenchQueries.slot(index)]).size();
            }

            @Override
            public void close() throws IOException {
                redis.close();
            }
        };
    }

    LoadRunner.Client nearest() throws IOException {
        RespClient redis = connect();
        return new LoadRunner.Client() {
            @Override
            public int call(long index) throws IOException {
                return searchNearest(redis, queries.nearestTo[BenchQueries.slot(index)])
                        .size();
            }

            @Override
            public void close() throws IOException {
                redis.close();
            }
        };
    }

    RespClient connect() throws IOException {
        return RespClient.connect(settings.redisHost(), settings.redisPort());
    }

    /** Returns the members in the box, nearest to its centre first, each as [id, [lon, lat]]. */
    List<?> searchBox(RespClient redis, BenchQueries.Box box) throws IOException {
        return (List<?>) redis.call(
                "GEOSEARCH",
                settings.redisKey(),
                "FROMLONLAT",
                Double.toString(box.centreLon()),
                Double.toString(box.centreLat()),
                "BYBOX",
                Double.toString(box.widthMetres()),
                Double.toString(box.heightMetres()),
                "m",
                "ASC",
                "COUNT",
                Integer.toString(BenchQueries.BOX_LIMIT),
                "WITHCOORD");
    }

    /** Returns the 10 nearest members, nearest first, each as [id, distance, [lon, lat]]. */
    List<?> searchNearest(RespClient redis, Point p) throws IOException {
        double radius = FIRST_RADIUS_METRES;
        while (true) {
            List<?> found = (List<?>) redis.call(
                    "GEOSEARCH",
                    settings.redisKey(),
                    "FROMLONLAT",
                    Double.toString(p.getX()),
                    Double.toString(p.getY()),
                    "BYRADIUS",
                    Double.toString(radius),
                    "m",
                    "ASC",
                    "COUNT",
                    Integer.toString(BenchQueries.K),
                    "WITHDIST",
                    "WITHCOORD");
            if (found.size() >= BenchQueries.K || radius > MAX_RADIUS_METRES) {
                return found;
            }
            radius *= 4;
        }
    }

    /** Returns the process id of Redis, or 0 when it does not say. */
    long pid() throws IOException {
        String pid = info(settings, "process_id");
        return pid.isEmpty() ? 0 : Long.parseLong(pid);
    }

    /** Returns one field of Redis' {@code INFO server} section; empty when absent. */
    static String info(BenchSettings settings, String field) throws IOException {
        try (RespClient redis = RespClient.connect(settings.redisHost(), settings.redisPort())) {
            String info = (String) redis.call("INFO", "server");
            for (String line : info.split("\r\n")) {
                if (line.startsWith(field + ":")) {
                    return line.substring(field.length() + 1).trim();
                }
            }
            return "";
        }
    }
}
