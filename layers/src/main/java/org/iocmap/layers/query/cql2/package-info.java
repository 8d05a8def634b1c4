/** Parses OGC CQL2 Text filters into a typed syntax tree and evaluates them against features in memory. */
package org.iocmap.layers.query.cql2;
