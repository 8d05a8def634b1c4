/**
 * Turns streams of vessel position fixes into geofence events (enter, exit, cross, approach, dwell, loiter, dark) for
 * fisheries officers; plain Java with no server code, driven by ingestion and stored and pushed by the alerts.
 */
package org.iocmap.service.geofence;
