/** Serves the operator's incident queue: citizen reports and fire incidents in one list, most urgent first. */
package org.iocmap.service.incidents;
