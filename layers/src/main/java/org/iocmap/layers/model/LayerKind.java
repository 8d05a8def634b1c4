package org.iocmap.layers.model;

import java.util.Arrays;
import java.util.Optional;

/** Names the kinds of layer the platform knows; {@link #id()} is the {@code kind} value in the API. */
public enum LayerKind {
    CAMERA("camera"),
    CITIZEN_REPORT("citizen_report"),
    ENV_STATION("env_station"),
    VESSEL("vessel"),
    LAND_USE_PLAN("land_use_plan"),
    FIRE_ALARM("fire_alarm"),
    GENERIC("generic");

    private final String id;

    LayerKind(String id) {
        this.id = id;
    }

    /** Returns the API name of this kind, such as {@code citizen_report}. */
    public String id() {
        return id;
    }

    /** Returns the kind with this API name; empty when there is none. */
    public static Optional<LayerKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
