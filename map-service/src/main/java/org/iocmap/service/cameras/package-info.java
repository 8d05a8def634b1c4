/** Keeps the camera registry (status, where to watch each camera) and answers which cameras see a point. */
package org.iocmap.service.cameras;
