/** Writes features of generic layers through OGC API – Features Part 4 (create, replace, delete). */
package org.iocmap.service.edit;
