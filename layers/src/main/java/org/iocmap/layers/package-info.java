/** Layers: every operational feed as one kind of map layer, with its storage and demo data. */
package org.iocmap.layers;
