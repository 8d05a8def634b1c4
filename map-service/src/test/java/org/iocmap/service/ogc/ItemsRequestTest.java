package org.iocmap.service.ogc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import java.time.Instant;
import org.iocmap.layers.model.FeatureQuery;
import org.iocmap.layers.model.TimeInterval;
import org.iocmap.service.http.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ItemsRequestTest {
    private static FeatureQuery parse(String name, String value) {
        return ItemsRequest.parse(MultiMap.caseInsensitiveMultiMap().add(name, value));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "an instant | 2026-01-31T08:00:00Z | 2026-01-31T08:00:00Z | 2026-01-31T08:00:00Z",
                "an offset instant | 2026-01-31T15:00:00+07:00 | 2026-01-31T08:00:00Z | 2026-01-31T08:00:00Z",
                "a whole day | 2026-01-31 | 2026-01-31T00:00:00Z | 2026-01-31T23:59:59.999999999Z",
                "closed interval | 2026-01-01T00:00:00Z/2026-02-01T00:00:00Z | 2026-01-01T00:00:00Z | 2026-02-01T00:00:00Z",
                "open end | 2026-01-01T00:00:00Z/.. | 2026-01-01T00:00:00Z | ",
                "open start | ../2026-01-01T00:00:00Z | | 2026-01-01T00:00:00Z",
                "empty start | /2026-01-01 | | 2026-01-01T23:59:59.999999999Z"
            })
    void datetimeAcceptsTheFormsOfTheStandard(String what, String raw, String start, String end) {
        TimeInterval t = parse("datetime", raw).time();
        assertThat(t.start()).isEqualTo(start == null ? null : Instant.parse(start));
        assertThat(t.end()).isEqualTo(end == null ? null : Instant.parse(end));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "plain box | 109,12,110,13 | false",
                "box with heights | 109,12,0,110,13,100 | false",
                "across the antimeridian | 179,-1,-179,1 | true"
            })
    void bboxAcceptsFourOrSixNumbers(String what, String raw, boolean crosses) {
        assertThat(parse("bbox", raw).bbox().crossesAntimeridian()).isEqualTo(crosses);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "five numbers | bbox | 1,2,3,4,5 | 4 comma-separated numbers",
                "lat order swapped | bbox | 1,5,3,4 | minLat must be <= maxLat",
                "longitude 200 | bbox | 1,2,200,4 | maxLon must be within",
                "NaN | bbox | NaN,2,3,4 | minLon must be within",
                "negative offset | offset | -1 | from 0",
                "start after end | datetime | 2026-02-01T00:00:00Z/2026-01-01T00:00:00Z | start must not be after end",
                "other crs | bbox-crs | http://www.opengis.net/def/crs/EPSG/0/3857 | CRS84",
                "html format | f | html | json or geojson"
            })
    void badValuesAreRejectedNamingTheParameter(String what, String name, String raw, String expected) {
        assertThatThrownBy(() -> parse(name, raw))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(name + "=")
                .hasMessageContaining(expected)
                .extracting(e -> ((InvalidInputException) e).parameter())
                .isEqualTo(name);
    }
}
