/** The Vert.x service: HTTP API, OGC API Features, sign-in, and the runnable entry point. */
package org.iocmap.service;
