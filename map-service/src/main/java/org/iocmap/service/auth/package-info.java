/** Signs users in (hashed passwords, signed JWTs) and decides which layers and fields each role may read. */
package org.iocmap.service.auth;
