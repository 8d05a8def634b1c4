package org.iocmap.layers.readings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DownsamplerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void bucketsCoverTheWindowKeepExtremesAndCountEveryReading() {
        Instant to = T0.plusSeconds(9_999);
        Downsampler d = new Downsampler(T0, to, 7);
        double total = 0;
        for (int i = 0; i < 10_000; i++) {
            double v = i == 4_321 ? 1_000 : i == 8_765 ? -5 : i % 10;
            total += v;
            d.add(T0.plusSeconds(i), v);
        }
        List<Downsampler.Bucket> buckets = d.finish();
        assertThat(buckets).hasSizeLessThanOrEqualTo(7);
        assertThat(buckets.stream().mapToInt(Downsampler.Bucket::count).sum()).isEqualTo(10_000);
        assertThat(buckets.stream().mapToDouble(b -> b.mean() * b.count()).sum())
                .isCloseTo(total, org.assertj.core.data.Offset.offset(1e-6));
        Downsampler.Bucket peak =
                buckets.stream().filter(b -> b.max() == 1_000).findFirst().orElseThrow();
        assertThat(peak.maxAt()).isEqualTo(T0.plusSeconds(4_321));
        assertThat(peak.from()).isBeforeOrEqualTo(peak.maxAt());
        assertThat(peak.to()).isAfter(peak.maxAt());
        assertThat(buckets.stream().mapToDouble(Downsampler.Bucket::min).min().orElseThrow())
                .isEqualTo(-5);
        assertThat(buckets.getLast().to()).isAfter(to);
    }

    @Test
    void bucketsOfASecondOrMoreLastWholeSecondsFromTheWindowsStart() {
        Instant from = T0.plusMillis(250);
        Downsampler d = new Downsampler(from, from.plusSeconds(365L * 86_400), 500);
        assertThat(d.bucketMillis() % 1_000).isZero();
        assertThat(365L * 86_400_000 / d.bucketMillis()).isLessThanOrEqualTo(500);
        d.add(from.plusSeconds(200_000), 1.0);
        assertThat(d.finish().get(0).from().toEpochMilli() % 1_000).isEqualTo(250);
        assertThat(new Downsampler(T0, T0.plusMillis(99), 10).bucketMillis()).isEqualTo(10);
    }

    @Test
    void nowCastWeighsRecentHoursMoreWhenTheAirChanges() {
        Instant at = T0.plusSeconds(11 * 3600);
        assertThat(NowCast.at(at, Map.of(at, 40.0, at.minusSeconds(3600), 40.0)))
                .isEqualTo(40.0);
        // Steady then a jump: w = 0.5, so the last hour weighs as much as all the others together (almost).
        Map<Instant, Double> jump = new java.util.HashMap<>();
        for (int h = 1; h < 12; h++) {
            jump.put(at.minusSeconds(h * 3600L), 20.0);
        }
        jump.put(at, 80.0);
        assertThat(NowCast.at(at, jump)).isBetween(49.0, 51.0);
        assertThat(NowCast.at(at, Map.of(at.minusSeconds(13 * 3600), 99.0))).isNaN();
    }

    @Test
    void parametersAreFoundByAliasAndBreachTheirVietnameseLimits() {
        assertThat(ReadingParameter.find("PM2_5")).contains(ReadingParameter.PM2_5);
        assertThat(ReadingParameter.find("pm2.5")).contains(ReadingParameter.PM2_5);
        assertThat(ReadingParameter.find("CO2")).isEmpty();
        assertThat(ReadingParameter.PM2_5.breached(50)).isEmpty();
        assertThat(ReadingParameter.PM2_5.breached(50.1).orElseThrow().level()).isEqualTo("poor");
        assertThat(ReadingParameter.PM2_5.breached(200).orElseThrow().level()).isEqualTo("very_bad");
        assertThat(ReadingParameter.VN_AQI.breached(101).orElseThrow().level()).isEqualTo("poor");
        assertThat(ReadingParameter.PH.breached(5.9)).isPresent();
        assertThat(ReadingParameter.PH.breached(7)).isEmpty();
        assertThat(ReadingParameter.PH.breached(8.6)).isPresent();
        assertThat(ReadingParameter.DO.breached(4.9)).isPresent();
        assertThat(ReadingParameter.LAEQ.breached(70)).isEmpty();
        assertThat(ReadingParameter.LAEQ.breached(71)).isPresent();
        assertThat(ReadingParameter.PM2_5.acceptsUnit("ug/m3")).isTrue();
        assertThat(ReadingParameter.PM2_5.acceptsUnit("mg/L")).isFalse();
    }
}
