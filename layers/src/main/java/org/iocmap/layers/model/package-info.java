/** Describes layers, their attribute schemas and the features they return, independent of storage. */
package org.iocmap.layers.model;
