/** Reads the service settings from the environment, once, at start. */
package org.iocmap.service.config;
