/** Generates deterministic demo data for one coastal province, Khánh Hòa, and loads it into an empty store. */
package org.iocmap.layers.demo;
