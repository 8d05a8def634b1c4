/** Keeps made tiles in memory and on disk, and forgets exactly those a feature change touches. */
package org.iocmap.tiles.cache;
