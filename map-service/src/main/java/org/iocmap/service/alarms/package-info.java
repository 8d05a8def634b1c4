/**
 * Takes fire-alarm events in over HTTP and MQTT, keeps the device registry and its offline watch, and runs the fire
 * incidents that alarms open: the nearest fire stations, the cameras that see the building, and the operators'
 * acknowledge, dispatch and resolve workflow.
 */
package org.iocmap.service.alarms;
