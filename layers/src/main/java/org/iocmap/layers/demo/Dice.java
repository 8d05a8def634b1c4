package org.iocmap.layers.demo;

import java.util.List;
import java.util.Random;

/**
 * Draws the random choices of one generator from its own seeded stream, so that changing one kind of demo data does
 * not shift the values of another.
 *
 * <p>Wraps {@link java.util.Random}, whose algorithms are specified exactly in its Javadoc: the same seed gives the
 * same sequence on every JVM. Not thread-safe; each generator owns one.
 */
final class Dice {
    private final Random random;

    /** Creates the stream called {@code stream} of the demo seed {@code seed}. */
    Dice(long seed, String stream) {
        // String.hashCode is specified too, so the stream seed is stable across JVMs.
        this.random = new Random(seed * 1_000_003L + stream.hashCode());
    }

    /** Returns a uniform value in [min, max). */
    double uniform(double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    /** Returns a uniform integer in [min, max], both ends included. */
    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** Returns true with probability {@code p}. */
    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** Returns a standard normal value (mean 0, deviation 1). */
    double gaussian() {
        return random.nextGaussian();
    }

    /** Returns one element of {@code items}, each equally likely. */
    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** Returns an index into {@code weights}, each with probability proportional to its weight. */
    int weighted(double... weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double x = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1; // rounding left x at a hair above zero
    }
}
