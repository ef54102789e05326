package io.vigil.msp.detect;

import io.vigil.msp.register.MaintenanceWindow;
import io.vigil.msp.register.Organisation;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How explanations write times, durations and maintenance windows. */
public final class TimeText {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ENGLISH);

    private TimeText() {}

    /** {@code Thu 2026-11-12 02:40 America/New_York}. */
    public static String local(Instant t, ZoneId zone) {
        return LOCAL.format(t.atZone(zone)) + " " + zone.getId();
    }

    /** {@code 2026-11-12T07:40:00Z}. */
    public static String utc(Instant t) {
        return t.toString();
    }

    /** {@code 3 h 20 min}, {@code 45 min}, {@code 2 d 4 h}. */
    public static String duration(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }

    /** {@code Sat 20:00–23:00}, several joined with "; ", or "no maintenance window". */
    public static String windows(Organisation org) {
        if (org.windows().isEmpty()) {
            return "no maintenance window";
        }
        List<String> out = new ArrayList<>();
        for (MaintenanceWindow w : org.windows()) {
            List<String> days = new ArrayList<>();
            for (DayOfWeek d : DayOfWeek.values()) {
                if (w.days().contains(d)) {
                    days.add(d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                }
            }
            out.add(String.join(",", days) + " " + w.start() + "–" + w.end());
        }
        return String.join("; ", out);
    }
}
