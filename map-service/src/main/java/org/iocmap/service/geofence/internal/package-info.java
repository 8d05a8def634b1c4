/** Computes on the sphere for the geofence engine: great-circle arcs, fence edges, crossings and coverage. */
package org.iocmap.service.geofence.internal;
