/** Opens the feature store on PostGIS or embedded H2GIS, migrates its schema and runs transactions. */
package org.iocmap.layers.store;
