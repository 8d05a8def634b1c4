/** Serves heat maps of point layers: counts and weighted sums per square cell, for a box and a time window. */
package org.iocmap.service.heatmap;
