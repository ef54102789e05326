package io.vigil.evtx.internal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Text forms of the binary XML value types, as Windows' XML view and evtx_dump write them: GUIDs upper
 * case without braces (evtx_dump's JSON form), SIDs as {@code S-1-...}, hex integers as {@code 0x}
 * plus lower-case digits without padding, binary as upper-case hex, FILETIME and SYSTEMTIME as ISO-8601
 * UTC with seven fraction digits (FILETIME's 100 ns resolution).
 */
final class ValueText {
    private static final char[] UPPER = "0123456789ABCDEF".toCharArray();
    private static final int[] GUID_ORDER = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
    /** Seconds from 1601-01-01 (FILETIME epoch) to 1970-01-01. */
    private static final long EPOCH_DELTA_SECONDS = 11_644_473_600L;

    private ValueText() {}

    static String guid(byte[] b, int off) {
        char[] out = new char[36];
        int n = 0;
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                out[n++] = '-';
            }
            int v = b[off + GUID_ORDER[i]] & 0xff;
            out[n++] = UPPER[v >>> 4];
            out[n++] = UPPER[v & 0xf];
        }
        return new String(out);
    }

    static String binary(byte[] b, int off, int len) {
        char[] out = new char[2 * len];
        for (int i = 0; i < len; i++) {
            int v = b[off + i] & 0xff;
            out[2 * i] = UPPER[v >>> 4];
            out[2 * i + 1] = UPPER[v & 0xf];
        }
        return new String(out);
    }

    static String hex32(int v) {
        return "0x" + Integer.toHexString(v);
    }

    static String hex64(long v) {
        return "0x" + Long.toHexString(v);
    }

    /**
     * A SID: revision, 48-bit big-endian authority, then {@code count} 32-bit little-endian
     * sub-authorities. The caller has checked that {@code 8 + 4 * count} bytes are present.
     */
    static String sid(byte[] b, int off) {
        int count = b[off + 1] & 0xff;
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = authority << 8 | (b[off + i] & 0xff);
        }
        StringBuilder s = new StringBuilder(16 + 11 * count).append("S-").append(b[off] & 0xff);
        s.append('-').append(authority);
        for (int i = 0; i < count; i++) {
            s.append('-').append(LittleEndian.u32(b, off + 8 + 4 * i));
        }
        return s.toString();
    }

    static int sidLength(byte[] b, int off) {
        return 8 + 4 * (b[off + 1] & 0xff);
    }

    /** A FILETIME (unsigned 100 ns ticks since 1601-01-01 UTC) as {@code yyyy-MM-ddTHH:mm:ss.fffffffZ}. */
    static String filetime(long ticks) {
        long seconds = Long.divideUnsigned(ticks, 10_000_000L);
        int fraction = (int) Long.remainderUnsigned(ticks, 10_000_000L);
        long unix = seconds - EPOCH_DELTA_SECONDS;
        long days = Math.floorDiv(unix, 86_400L);
        int secondOfDay = (int) Math.floorMod(unix, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(days);
        StringBuilder s = new StringBuilder(28);
        date(s, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
        s.append('T');
        time(s, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60);
        pad(s.append('.'), fraction, 7);
        return s.append('Z').toString();
    }

    /** A FILETIME as an instant (FILETIME's range fits in {@link Instant}'s). */
    static Instant filetimeInstant(long ticks) {
        long seconds = Long.divideUnsigned(ticks, 10_000_000L);
        int fraction = (int) Long.remainderUnsigned(ticks, 10_000_000L);
        return Instant.ofEpochSecond(seconds - EPOCH_DELTA_SECONDS, fraction * 100L);
    }

    /**
     * A SYSTEMTIME (eight 16-bit fields: year, month, day of week, day, hour, minute, second,
     * millisecond) with the fields as stored, since a damaged value must still render, not fail.
     */
    static String systemtime(byte[] b, int off) {
        StringBuilder s = new StringBuilder(28);
        date(s, LittleEndian.u16(b, off), LittleEndian.u16(b, off + 2), LittleEndian.u16(b, off + 6));
        s.append('T');
        time(s, LittleEndian.u16(b, off + 8), LittleEndian.u16(b, off + 10), LittleEndian.u16(b, off + 12));
        pad(s.append('.'), LittleEndian.u16(b, off + 14), 3);
        return s.append("0000Z").toString();
    }

    static String real(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static void date(StringBuilder s, int year, int month, int day) {
        pad(s, year, 4);
        pad(s.append('-'), month, 2);
        pad(s.append('-'), day, 2);
    }

    private static void time(StringBuilder s, int hour, int minute, int second) {
        pad(s, hour, 2);
        pad(s.append(':'), minute, 2);
        pad(s.append(':'), second, 2);
    }

    private static void pad(StringBuilder s, long value, int width) {
        long limit = 1;
        for (int i = 1; i < width; i++) {
            limit *= 10;
        }
        for (; limit > value && limit > 1; limit /= 10) {
            s.append('0');
        }
        s.append(value);
    }
}
