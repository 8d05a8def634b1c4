/** Decodes AIS vessel reports from NMEA 0183 VDM/VDO sentences, with tag blocks, reassembly and clear rejections. */
package org.iocmap.layers.ais;
