package org.iocmap.layers.reports;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the People's Committee (UBND) responsible for an address at ward level, the way the report register writes it:
 * "UBND phường", "UBND xã" or "UBND thị trấn", from the first level word the address contains.
 */
public final class WardCommittees {
    /** The committee when the address names no ward, commune or township. */
    public static final String UNKNOWN = "UBND phường/xã";

    // "thị trấn" before "xã"; a word boundary so "xã" inside another word (none in practice) does not count.
    private static final Pattern LEVEL = Pattern.compile("(?<![\\p{L}])(phường|thị trấn|xã)(?![\\p{L}])");

    private WardCommittees() {}

    /** Returns the committee for {@code address}; {@link #UNKNOWN} when it is null or names no level. */
    public static String of(String address) {
        if (address == null) {
            return UNKNOWN;
        }
        Matcher m = LEVEL.matcher(address.toLowerCase(Locale.forLanguageTag("vi")));
        return m.find() ? "UBND " + m.group(1) : UNKNOWN;
    }
}
