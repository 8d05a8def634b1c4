/** Answers map questions over any set of layers: within a radius, k nearest, inside a polygon, along a line. */
package org.iocmap.service.query;
