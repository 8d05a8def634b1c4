package org.iocmap.service.http;

import io.vertx.core.json.JsonObject;

/**
 * Describes a failed request as RFC 9457 problem details. {@code parameter} names the bad request parameter, when one
 * is to blame; {@code retryAfterSeconds} is sent as {@code Retry-After} when positive.
 */
public record Problem(int status, String title, String detail, String parameter, int retryAfterSeconds) {

    /** Creates a 400 naming the parameter. */
    public static Problem badRequest(String parameter, String detail) {
        return new Problem(400, "Bad Request", detail, parameter, 0);
    }

    /** Creates a 401. */
    public static Problem unauthorized(String detail) {
        return new Problem(401, "Unauthorized", detail, null, 0);
    }

    /** Creates a 403. */
    public static Problem forbidden(String detail) {
        return new Problem(403, "Forbidden", detail, null, 0);
    }

    /** Creates a 404. */
    public static Problem notFound(String detail) {
        return new Problem(404, "Not Found", detail, null, 0);
    }

    /** Creates a 409. */
    public static Problem conflict(String detail) {
        return new Problem(409, "Conflict", detail, null, 0);
    }

    /** Creates a 503 asking the client to retry after the given number of seconds. */
    public static Problem unavailable(int retryAfterSeconds) {
        return new Problem(
                503,
                "Service Unavailable",
                "the data store is unavailable; retry after " + retryAfterSeconds + " s",
                null,
                retryAfterSeconds);
    }

    /** Creates a 500 whose body holds only a reference to the logged failure. */
    public static Problem internal(String reference) {
        return new Problem(500, "Internal Server Error", "internal error; reference " + reference, null, 0);
    }

    /** Creates a problem for a bare status code, such as 405 or 413 raised by the router. */
    public static Problem ofStatus(int status) {
        String title =
                switch (status) {
                    case 400 -> "Bad Request";
                    case 401 -> "Unauthorized";
                    case 403 -> "Forbidden";
                    case 404 -> "Not Found";
                    case 405 -> "Method Not Allowed";
                    case 413 -> "Content Too Large";
                    case 415 -> "Unsupported Media Type";
                    default -> status >= 500 ? "Internal Server Error" : "Error";
                };
        String detail =
                switch (status) {
                    case 404 -> "no resource at this path";
                    case 405 -> "this method is not allowed on this path";
                    case 413 -> "the request body is too large";
                    default -> title.toLowerCase(java.util.Locale.ROOT);
                };
        return new Problem(status <= 0 ? 500 : status, title, detail, null, 0);
    }

    /** Returns the problem as JSON: type, title, status, detail and, when set, parameter. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
        if (parameter != null) {
            json.put("parameter", parameter);
        }
        return json;
    }
}
