package org.iocmap.styles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultStylesTest {
    /** Mirrors the kind ids of {@code LayerKind} in the layers module, which styles must not depend on. */
    static final List<String> KIND_IDS =
            List.of("camera", "citizen_report", "env_station", "vessel", "land_use_plan", "fire_alarm", "generic");

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "camera, camera, #1565c0",
        "citizen_report, report, #ef6c00",
        "env_station, station, #2e7d32",
        "vessel, vessel, #00838f",
        "land_use_plan, plan, #e0e0e0",
        "fire_alarm, fire, #d32f2f",
        "generic, generic, #757575"
    })
    void everyKindHasItsOwnIconAndColour(String kind, String icon, String fill) {
        Style style = DefaultStyles.forKind(kind);

        assertThat(style.icon()).isEqualTo(icon);
        assertThat(style.symbol().fill()).isEqualTo(fill);
    }

    @Test
    void kindsAreToldApartByTheirDefaultColour() {
        assertThat(KIND_IDS.stream()
                        .map(kind -> DefaultStyles.forKind(kind).symbol().fill()))
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"unknown kind, parking_sensor", "wrong case, CAMERA", "empty, ''"})
    void unknownKindsGetTheGenericStyle(String what, String kind) {
        assertThat(DefaultStyles.forKind(kind)).isSameAs(DefaultStyles.forKind("generic"));
    }

    @Test
    void nullKindGetsTheGenericStyle() {
        assertThat(DefaultStyles.forKind(null).icon()).isEqualTo(DefaultStyles.GENERIC);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "citizen_report, NEW, Mới, New",
        "citizen_report, ASSIGNED, Đã phân công, Assigned",
        "citizen_report, IN_PROGRESS, Đang xử lý, In progress",
        "citizen_report, RESOLVED, Đã giải quyết, Resolved",
        "citizen_report, REJECTED, Từ chối, Rejected",
        "fire_alarm, normal, Bình thường, Normal",
        "fire_alarm, alarm, Đang báo cháy, Fire alarm",
        "fire_alarm, fault, Lỗi thiết bị, Device fault",
        "fire_alarm, offline, Mất kết nối, Offline",
        "camera, online, Trực tuyến, Online",
        "camera, offline, Mất kết nối, Offline"
    })
    void statusRulesCarryVietnameseAndEnglishTitles(String kind, String status, String vi, String en) {
        Style style = DefaultStyles.forKind(kind);

        assertThat(style.property()).isEqualTo("status");
        assertThat(style.ruleFor(status)).map(Rule::title).contains(Label.of(vi, en));
    }

    @Test
    void statusRulesCoverExactlyTheKnownStatuses() {
        checkRuleValues("citizen_report", "NEW", "ASSIGNED", "IN_PROGRESS", "RESOLVED", "REJECTED");
        checkRuleValues("fire_alarm", "normal", "alarm", "fault", "offline");
        checkRuleValues("camera", "online", "offline");
        checkRuleValues("env_station");
        checkRuleValues("vessel");
        checkRuleValues("generic");
    }

    @Test
    void aFireAlarmIsTheLargestAndReddestMarkerOfItsLayer() {
        Style fire = DefaultStyles.forKind("fire_alarm");
        Symbol alarm = fire.symbolFor("alarm");

        for (Rule rule : fire.rules()) {
            assertThat(alarm.radius()).isGreaterThanOrEqualTo(rule.symbol().radius());
        }
        assertThat(alarm.fill()).isEqualTo("#d50000");
    }

    private static void checkRuleValues(String kind, String... values) {
        assertThat(DefaultStyles.forKind(kind).rules()).extracting(Rule::value).containsExactly(values);
    }
}
