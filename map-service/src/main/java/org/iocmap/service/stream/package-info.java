/** Streams one filtered view of a layer live: a snapshot, then changes from the change log, over SSE or WebSocket. */
package org.iocmap.service.stream;
