/** Maps the domain kinds (cameras, reports, stations, vessels, plans, alarms) to tables and to layers. */
package org.iocmap.layers.kinds;
