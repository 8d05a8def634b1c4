package org.iocmap.service.auth;

import java.util.Set;

/**
 * Describes who makes a request: a signed-in user with roles, or the anonymous viewer with none.
 *
 * @param area the area the user is limited to (sees and acts on incidents inside it only); null when not limited
 */
public record Viewer(String username, Set<String> roles, Area area) {
    public static final Viewer ANONYMOUS = new Viewer(null, Set.of());

    public Viewer {
        roles = Set.copyOf(roles);
    }

    /** Creates a viewer who is not limited to an area. */
    public Viewer(String username, Set<String> roles) {
        this(username, roles, null);
    }

    /** Tests whether nobody signed in. */
    public boolean isAnonymous() {
        return username == null;
    }

    /** Tests whether the viewer holds the admin role, which may read everything. */
    public boolean isAdmin() {
        return roles.contains(Roles.ADMIN);
    }

    /** Tests whether the viewer is limited to an area. */
    public boolean isLimited() {
        return area != null;
    }
}
