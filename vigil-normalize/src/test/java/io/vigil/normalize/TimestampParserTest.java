package io.vigil.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampParserTest {
    @Test
    void keepsSevenFractionalDigits() {
        assertThat(TimestampParser.parse("2020-10-23T21:57:29.2175625Z"))
                .isEqualTo(Instant.parse("2020-10-23T21:57:29.2175625Z"));
    }

    @Test
    void readsThreeSixNineAndNoFractionalDigits() {
        assertThat(TimestampParser.parse("2020-10-23T21:57:29.217Z"))
                .isEqualTo(Instant.parse("2020-10-23T21:57:29.217Z"));
        assertThat(TimestampParser.parse("2025-11-27T07:40:10.165324Z"))
                .isEqualTo(Instant.parse("2025-11-27T07:40:10.165324Z"));
        assertThat(TimestampParser.parse("2020-10-23T21:57:29.123456789Z"))
                .isEqualTo(Instant.parse("2020-10-23T21:57:29.123456789Z"));
        assertThat(TimestampParser.parse("2020-10-23T21:57:29Z")).isEqualTo(Instant.parse("2020-10-23T21:57:29Z"));
    }

    @Test
    void appliesOffsets() {
        assertThat(TimestampParser.parse("2020-10-23T23:57:29.5+02:00"))
                .isEqualTo(Instant.parse("2020-10-23T21:57:29.5Z"));
        assertThat(TimestampParser.parse("2020-10-23T16:27:29-0530")).isEqualTo(Instant.parse("2020-10-23T21:57:29Z"));
        assertThat(TimestampParser.parse("2020-10-23T22:57:29+01")).isEqualTo(Instant.parse("2020-10-23T21:57:29Z"));
    }

    @Test
    void takesSpaceSeparatedTimesWithoutZoneAsUtc() {
        assertThat(TimestampParser.parse("2020-10-19 02:56:18.954"))
                .isEqualTo(Instant.parse("2020-10-19T02:56:18.954Z"));
        assertThat(TimestampParser.parse("2020-09-19 21:17:05")).isEqualTo(Instant.parse("2020-09-19T21:17:05Z"));
    }

    @Test
    void givesNullForAnythingElse() {
        assertThat(TimestampParser.parse(null)).isNull();
        assertThat(TimestampParser.parse(1_600_000_000L)).isNull();
        assertThat(TimestampParser.parse("")).isNull();
        assertThat(TimestampParser.parse("2020-13-01T00:00:00Z")).isNull();
        assertThat(TimestampParser.parse("2020-10-23T21:57Z")).isNull();
        assertThat(TimestampParser.parse("23/10/2020 21:57:29")).isNull();
    }

    @Test
    void commonFormsAgreeWithJavaTimeOnCalendarEdges() {
        // the common forms are computed without java.time objects: every day of every month of leap
        // and other years, and out-of-range fields, against LocalDateTime
        Random random = new Random(11);
        for (int n = 0; n < 50_000; n++) {
            int year = n % 4 == 0 ? random.nextInt(10_000) : 1896 + random.nextInt(210);
            int month = random.nextInt(14);
            int day = n % 2 == 0 ? 27 + random.nextInt(6) : random.nextInt(33);
            int hour = random.nextInt(25);
            int minute = random.nextInt(61);
            int second = random.nextInt(61);
            int millis = random.nextInt(1000);
            String text = String.format(
                    "%04d-%02d-%02d%s%02d:%02d:%02d.%03d%s",
                    year, month, day, n % 3 == 0 ? "T" : " ", hour, minute, second, millis, n % 5 == 0 ? "Z" : "");
            Instant expected;
            try {
                expected = LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000)
                        .toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                expected = null;
            }
            assertThat(TimestampParser.parse(text)).as(text).isEqualTo(expected);
        }
    }
}
