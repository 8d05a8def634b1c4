/** Records every change to a feature in a durable, ordered log and reads it back for live streams. */
package org.iocmap.layers.changes;
