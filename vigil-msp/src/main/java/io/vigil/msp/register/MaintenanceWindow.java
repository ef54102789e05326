package io.vigil.msp.register;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * A weekly maintenance window in the tenant's own time zone: on each of {@code days}, from {@code start}
 * to {@code end}. When {@code end} is not after {@code start} the window crosses midnight and ends on the
 * following day, so {@code SAT 22:00-02:00} covers Saturday night.
 */
public record MaintenanceWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
    public MaintenanceWindow {
        days = Set.copyOf(days);
    }

    /** True when the local time {@code t} (already in the tenant's zone) falls inside the window. */
    public boolean contains(ZonedDateTime t) {
        LocalTime time = t.toLocalTime();
        if (start.isBefore(end)) {
            return days.contains(t.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
        }
        if (days.contains(t.getDayOfWeek()) && !time.isBefore(start)) {
            return true;
        }
        return days.contains(t.getDayOfWeek().minus(1)) && time.isBefore(end);
    }
}
