package dev.playlistgateway.app.support;

import java.util.List;
import java.util.Map;

/** Reads a GraphQL answer parsed into maps and lists, for every test client of the gateway. */
public final class GraphQLJson {
    private GraphQLJson() {
    }

    /** The value at a dotted path ({@code data.me.playlists.nodes.0.name}), or null where the path leads nowhere. */
    @SuppressWarnings("unchecked")
    public static <T> T at(Object root, String path) {
        Object current = root;
        for (String part : path.split("\\.")) {
            if (current instanceof Map<?, ?> map) {
                current = map.get(part);
            } else if (current instanceof List<?> list) {
                current = list.get(Integer.parseInt(part));
            } else {
                return null;
            }
        }
        return (T) current;
    }

    /** The GraphQL errors, empty when there are none. */
    public static List<Map<String, Object>> errors(Object root) {
        List<Map<String, Object>> errors = at(root, "errors");
        return errors == null ? List.of() : errors;
    }

    /** The {@code extensions.code} of every error, in order. */
    public static List<String> errorCodes(Object root) {
        return errors(root).stream().map(e -> (String) ((Map<?, ?>) e.get("extensions")).get("code")).toList();
    }
}
