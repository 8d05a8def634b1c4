package org.iocmap.layers.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds a list of choices with weights, written as alternating value and weight: {@code Weighted.of("ODT", 45,
 * "TMD", 8)}.
 */
final class Weighted<T> {
    private final List<T> values;
    private final double[] weights;

    private Weighted(List<T> values, double[] weights) {
        this.values = values;
        this.weights = weights;
    }

    /** Creates the choices from alternating values and weights; throws when the list is not in pairs. */
    @SuppressWarnings("unchecked")
    static <T> Weighted<T> of(Object... valuesAndWeights) {
        if (valuesAndWeights.length == 0 || valuesAndWeights.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "expected value, weight pairs, got " + valuesAndWeights.length + " items");
        }
        List<T> values = new ArrayList<>();
        double[] weights = new double[valuesAndWeights.length / 2];
        for (int i = 0; i < valuesAndWeights.length; i += 2) {
            values.add((T) valuesAndWeights[i]);
            weights[i / 2] = ((Number) valuesAndWeights[i + 1]).doubleValue();
        }
        return new Weighted<>(List.copyOf(values), weights);
    }

    /** Returns one value, drawn with {@code dice}. */
    T draw(Dice dice) {
        return values.get(dice.weighted(weights));
    }
}
