package io.vigil.correlate;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Converts between {@link Instant} and the nanosecond longs windows compute with, and renders window
 * bounds the way detection timestamps are written (UTC, only the fractional digits needed).
 */
final class TimeText {
    private static final long NANOS = 1_000_000_000L;

    private TimeText() {}

    /** Nanoseconds since the epoch, or {@link Long#MIN_VALUE} when outside about 1677 to 2262. */
    static long nanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), NANOS), t.getNano());
        } catch (ArithmeticException overflow) {
            return Long.MIN_VALUE;
        }
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
    }

    /** {@code 2020-10-23T21:57:29.2175625Z}. */
    static String iso(long nanos) {
        Instant t = instant(nanos);
        try {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC)) + "Z";
        } catch (DateTimeException outOfRange) {
            return t.toString();
        }
    }

    /** {@code a + b}, stopping at the ends of the long range instead of wrapping around. */
    static long plus(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return r < 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return r;
    }
}
