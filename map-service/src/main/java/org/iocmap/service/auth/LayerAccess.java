package org.iocmap.service.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.iocmap.layers.model.AttributeDef;
import org.iocmap.layers.model.Layer;
import org.iocmap.service.http.ForbiddenException;
import org.iocmap.service.http.NotFoundException;
import org.iocmap.service.http.UnauthorizedException;

/**
 * Decides which layers and which fields a viewer may read. A public layer is readable by anyone, signed in or not;
 * otherwise the viewer needs one of the layer's read roles, and {@code admin} reads everything. Fields restricted to
 * roles (a citizen's phone number) are removed for everybody else, on public layers too.
 */
public final class LayerAccess {
    private LayerAccess() {}

    /** Tests whether {@code viewer} may read {@code layer}. */
    public static boolean canRead(Viewer viewer, Layer layer) {
        return layer.isPublic() || viewer.isAdmin() || viewer.roles().stream().anyMatch(layer.readRoles()::contains);
    }

    /**
     * Returns the layer when the viewer may read it.
     *
     * @throws NotFoundException when there is no such layer
     * @throws UnauthorizedException when the layer needs a token and there is none
     * @throws ForbiddenException when the viewer's roles do not allow it
     */
    public static Layer requireReadable(Viewer viewer, Optional<Layer> found, String id) {
        Layer layer = found.orElseThrow(() -> new NotFoundException("no layer with id '" + id + "'"));
        if (canRead(viewer, layer)) {
            return layer;
        }
        if (viewer.isAnonymous()) {
            throw new UnauthorizedException("layer '" + id + "' is not public; sign in with POST /api/auth/token and"
                    + " send the token as 'Authorization: Bearer <token>'");
        }
        throw new ForbiddenException("your roles "
                + viewer.roles().stream().sorted().toList() + " may not read layer '" + id + "'; it is open to "
                + layer.readRoles().stream().sorted().toList());
    }

    /** Returns the attributes of {@code layer} the viewer may read, in schema order. */
    public static List<AttributeDef> visibleAttributes(Viewer viewer, Layer layer) {
        return layer.attributes().stream()
                .filter(a -> viewer.isAdmin() || a.isVisibleTo(viewer.roles()))
                .toList();
    }

    /** Returns the properties restricted to the visible attributes, in schema order. */
    public static Map<String, Object> visibleProperties(List<AttributeDef> visible, Map<String, Object> properties) {
        Set<String> names = visible.stream().map(AttributeDef::name).collect(Collectors.toSet());
        Map<String, Object> result = new LinkedHashMap<>();
        for (AttributeDef attribute : visible) {
            if (properties.containsKey(attribute.name())) {
                result.put(attribute.name(), properties.get(attribute.name()));
            }
        }
        // Generic layers may carry properties outside their declared schema; unrestricted, they pass through.
        properties.forEach((k, v) -> {
            if (!names.contains(k) && !result.containsKey(k) && visible.isEmpty()) {
                result.put(k, v);
            }
        });
        return result;
    }
}
