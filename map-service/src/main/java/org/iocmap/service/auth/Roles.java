package org.iocmap.service.auth;

import java.util.Set;

/** Names the roles of the platform. */
public final class Roles {
    public static final String OPERATOR = "operator";
    public static final String FISHERIES = "fisheries";
    public static final String PLANNER = "planner";
    public static final String ADMIN = "admin";
    public static final Set<String> ALL = Set.of(OPERATOR, FISHERIES, PLANNER, ADMIN);

    private Roles() {}
}
