package org.iocmap.layers.index;

import java.util.Collection;

/**
 * An immutable in-memory table of a layer's features, changed by making a new one.
 *
 * @param <E> the entry type
 * @param <T> the table type itself
 */
public interface MemoryTable<E, T extends MemoryTable<E, T>> {
    /** Returns a table with {@code upserts} added or replacing those of the same id, and {@code removals} gone. */
    T apply(Collection<E> upserts, Collection<Long> removals);

    /** Returns how many live entries the table holds. */
    int size();
}
