package org.iocmap.layers.reports;

import java.time.Duration;

/**
 * Describes a category of citizen reports, which Open311 calls a service.
 *
 * @param serviceCode the stable ASCII code, such as {@code trat-tu-do-thi}
 * @param nameVi the Vietnamese name; the map layer's {@code category} attribute holds it
 * @param agency the responsible agency; null means the People's Committee of the ward or commune of the address
 * @param deadlineHours how long the agency has: a report's deadline is its creation plus this
 * @param keywords comma-separated, for Open311 clients that search
 * @param group the Open311 group the service is listed under
 */
public record ReportCategory(
        String serviceCode,
        String nameVi,
        String nameEn,
        String descriptionVi,
        String descriptionEn,
        String agency,
        int deadlineHours,
        String keywords,
        String group) {

    /** Returns how long the responsible agency has to resolve a report. */
    public Duration deadline() {
        return Duration.ofHours(deadlineHours);
    }

    /**
     * Returns the agency responsible for a report at {@code address}: the category's, or else the People's Committee
     * of the ward, commune or township the address names ("UBND phường", as the demo register writes it), or else
     * {@value WardCommittees#UNKNOWN} when the address names none.
     */
    public String agencyFor(String address) {
        return agency != null ? agency : WardCommittees.of(address);
    }
}
