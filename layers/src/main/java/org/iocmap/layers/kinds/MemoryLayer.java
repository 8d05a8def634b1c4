package org.iocmap.layers.kinds;

/** A layer answered from memory, which the catalogue can load ahead of the first question. */
interface MemoryLayer {
    /** Loads the layer into memory now, if it is not yet. Blocks on the store. */
    void loadIntoMemory();
}
