/** Renders failures as problem+json and parses request parameters with messages that name what is wrong. */
package org.iocmap.service.http;
