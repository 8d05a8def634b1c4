/** Keeps citizen reports as a workflow: categories, submissions, state changes with their history, duplicates, photos. */
package org.iocmap.layers.reports;
