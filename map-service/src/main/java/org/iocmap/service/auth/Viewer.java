package org.iocmap.service.auth;

import java.util.Set;

/** Describes who makes a request: a signed-in user with roles, or the anonymous viewer with none. */
public record Viewer(String username, Set<String> roles) {
    public static final Viewer ANONYMOUS = new Viewer(null, Set.of());

    public Viewer {
        roles = Set.copyOf(roles);
    }

    /** Tests whether nobody signed in. */
    public boolean isAnonymous() {
        return username == null;
    }

    /** Tests whether the viewer holds the admin role, which may read everything. */
    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }
}
