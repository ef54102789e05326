package io.vigil.correlate;

import io.vigil.core.diag.Diagnostic;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.diag.Severity;
import io.vigil.core.diag.SourceLocation;
import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts everything the correlator could not use and says so: the first few occurrences of each kind
 * one by one (with where they came from), the rest in one summary at the end. Nothing is dropped
 * without being counted here.
 */
final class Problems {
    static final String LATE = "late-event";
    static final String NO_TIME = "event-without-time";
    static final String STATE_FULL = "correlation-state-full";
    static final String BUFFER_FULL = "correlation-buffer-full";
    static final String NO_GROUP = "correlation-group-missing";
    static final String NO_VALUE = "correlation-value-missing";

    private final DiagnosticSink sink;
    private final int perKind;
    private final Map<String, long[]> counts = new HashMap<>();
    private final Map<String, Long> missingGroup = new TreeMap<>();
    private final Map<String, Long> missingValue = new TreeMap<>();

    long late;
    long withoutTime;
    long stateFull;
    long releasedEarly;
    long withoutGroup;
    long withoutValue;

    Problems(DiagnosticSink sink, int perKind) {
        this.sink = sink;
        this.perKind = perKind;
    }

    void late(Event e, long time, long frontier, String lateness) {
        late++;
        if (count(LATE)) {
            sink.report(Diagnostic.warning(
                    LATE,
                    "event " + where(e.provenance()) + " at " + TimeText.iso(time)
                            + " is older than the correlation watermark " + TimeText.iso(frontier)
                            + " (allowed lateness " + lateness + "); it was not correlated",
                    location(e.provenance())));
        }
    }

    void withoutTime(Event e, boolean outOfRange) {
        withoutTime++;
        if (count(NO_TIME)) {
            sink.report(Diagnostic.warning(
                    NO_TIME,
                    "event " + where(e.provenance())
                            + (outOfRange ? " has a time outside 1677-2262" : " has no event time")
                            + "; it was not correlated",
                    location(e.provenance())));
        }
    }

    void stateFull(CorrelationSpec spec, long capacity) {
        stateFull++;
        if (count(STATE_FULL)) {
            sink.report(new Diagnostic(
                    Severity.WARNING,
                    STATE_FULL,
                    "correlation state holds its cap of " + capacity
                            + " window entries; new matches are not correlated until windows close"
                            + " (raise the cap to correlate them)",
                    ruleLocation(spec),
                    spec.id()));
        }
    }

    void releasedEarly(long capacity) {
        releasedEarly++;
        if (count(BUFFER_FULL)) {
            sink.report(Diagnostic.warning(
                    BUFFER_FULL,
                    "the correlation re-ordering buffer holds its cap of " + capacity
                            + " matches; the oldest are correlated now, and later matches older than"
                            + " them will count as late",
                    SourceLocation.file("correlation")));
        }
    }

    void withoutGroup(CorrelationSpec spec) {
        withoutGroup++;
        missingGroup.merge(key(spec), 1L, Long::sum);
    }

    void withoutValue(CorrelationSpec spec) {
        withoutValue++;
        missingValue.merge(key(spec), 1L, Long::sum);
    }

    /** Reports what was counted but not reported one by one. */
    void summarize() {
        for (Map.Entry<String, long[]> e : new TreeMap<>(counts).entrySet()) {
            long more = e.getValue()[0] - perKind;
            if (more > 0) {
                sink.report(Diagnostic.warning(
                        e.getKey(),
                        more + " more of these were not reported one by one (" + e.getValue()[0] + " in all)",
                        SourceLocation.file("correlation")));
            }
        }
        missingGroup.forEach((spec, n) -> sink.report(new Diagnostic(
                Severity.INFO,
                NO_GROUP,
                n + " matches lacked a group-by field of " + spec + " and were not counted",
                SourceLocation.file("correlation"),
                null)));
        missingValue.forEach((spec, n) -> sink.report(new Diagnostic(
                Severity.INFO,
                NO_VALUE,
                n + " matches had no usable value in the field of " + spec + " and were not counted",
                SourceLocation.file("correlation"),
                null)));
    }

    private boolean count(String kind) {
        long[] c = counts.computeIfAbsent(kind, k -> new long[1]);
        return ++c[0] <= perKind;
    }

    private static String key(CorrelationSpec spec) {
        return "correlation '" + spec.title() + "'" + (spec.id() == null ? "" : " (" + spec.id() + ")");
    }

    private static String where(Provenance p) {
        return p == null ? "(unknown source)" : p.toString();
    }

    private static SourceLocation location(Provenance p) {
        if (p == null || p.path() == null) {
            return SourceLocation.file("(unknown source)");
        }
        return p.line() >= 0 && p.line() <= Integer.MAX_VALUE
                ? SourceLocation.of(p.path(), (int) p.line(), -1)
                : SourceLocation.file(p.path());
    }

    private static SourceLocation ruleLocation(CorrelationSpec spec) {
        return SourceLocation.file(
                spec.ref().path() == null ? "correlation" : spec.ref().path());
    }
}
