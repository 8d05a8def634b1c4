package org.iocmap.layers.model;

/**
 * One cell of a heat map: a square of the Web Mercator grid at {@code level} (the world is {@code 2^level} cells
 * across, column {@code x} from the antimeridian eastwards, row {@code y} from the north), with how many features fell
 * in it and the sum of their weights.
 */
public record HeatCell(int level, int x, int y, long count, double sum) {}
