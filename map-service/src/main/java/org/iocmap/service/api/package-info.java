/** Mounts the platform's own REST routes: layers, page configuration, health. */
package org.iocmap.service.api;
