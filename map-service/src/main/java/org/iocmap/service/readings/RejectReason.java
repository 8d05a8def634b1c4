package org.iocmap.service.readings;

/** Names why an incoming reading was not stored. */
public enum RejectReason {
    /** An item is not a JSON object, or names no station. */
    BAD_READING,
    /** No station has the code. */
    UNKNOWN_STATION,
    /** The parameter is missing, unknown, or not one the station's type measures. */
    UNKNOWN_PARAMETER,
    /** The value is missing or not a JSON number. */
    NOT_A_NUMBER,
    /** The value lies outside what the parameter can physically take (a negative concentration, pH 15, …). */
    IMPOSSIBLE_VALUE,
    /** The unit is not the parameter's. */
    BAD_UNIT,
    /** The time is missing, not an ISO-8601 instant, or more than five minutes in the future. */
    BAD_TIME,
    /** A reading of the station, parameter and time is already stored. */
    DUPLICATE
}
