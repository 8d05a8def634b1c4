package org.iocmap.service.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts the benchmark points into one Redis geo set (member = the feature id, as in PostGIS) with pipelined
 * {@code GEOADD} batches, and a description of them under {@code <key>:meta}, so a later run with the same seed and
 * size reuses them. Touches only those two keys.
 */
final class RedisLoader {
    private static final int POINTS_PER_COMMAND = 1_000;
    private static final int COMMANDS_PER_FLUSH = 16;

    private final BenchSettings settings;
    private final BenchDataset dataset;

    RedisLoader(BenchSettings settings, BenchDataset dataset) {
        this.settings = settings;
        this.dataset = dataset;
    }

    /** Makes sure the geo set holds exactly the generated points; returns a line saying what it did. */
    String ensurePoints() throws Exception {
        String key = settings.redisKey();
        String meta = key + ":meta";
        String description = dataset.describe(BenchDataset.POINTS_LAYER);
        try (RespClient redis = RespClient.connect(settings.redisHost(), settings.redisPort())) {
            if (description.equals(redis.call("GET", meta)) && ((Long) redis.call("ZCARD", key)) == dataset.points()) {
                return "redis " + key + ": reused " + dataset.points() + " points (" + description + ")";
            }
            long started = System.nanoTime();
            redis.call("DEL", meta);
            redis.call("DEL", key);
            List<String> command = new ArrayList<>(2 + 3 * POINTS_PER_COMMAND);
            int[] pending = {0};
            dataset.forEachPoint((index, lon, lat, label, weight) -> {
                if (command.isEmpty()) {
                    command.add("GEOADD");
                    command.add(key);
                }
                command.add(Double.toString(lon));
                command.add(Double.toString(lat));
                command.add(Long.toString(PostgisLoader.POINT_ID_BASE + index));
                if (command.size() == 2 + 3 * POINTS_PER_COMMAND) {
                    redis.send(command.toArray(String[]::new));
                    command.clear();
                    if (++pending[0] == COMMANDS_PER_FLUSH) {
                        drain(redis, pending);
                    }
                }
            });
            if (!command.isEmpty()) {
                redis.send(command.toArray(String[]::new));
                pending[0]++;
            }
            drain(redis, pending);
            long stored = (Long) redis.call("ZCARD", key);
            if (stored != dataset.points()) {
                throw new IllegalStateException("redis " + key + " holds " + stored + " points after loading "
                        + dataset.points() + "; another client may be writing the same key");
            }
            redis.call("SET", meta, description);
            return String.format(
                    "redis %s: loaded %d points with pipelined GEOADD in %.1f s (%s)",
                    key, stored, (System.nanoTime() - started) / 1e9, description);
        }
    }

    private static void drain(RespClient redis, int[] pending) throws Exception {
        redis.flush();
        for (; pending[0] > 0; pending[0]--) {
            redis.read(); // the number added; errors are thrown
        }
    }
}
