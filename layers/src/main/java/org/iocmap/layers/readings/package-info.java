/** Environmental station readings: the parameters measured, their Vietnamese thresholds and chart downsampling. */
package org.iocmap.layers.readings;
