package io.vigil.ioc.bundle;

import io.vigil.core.detect.Level;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;

/**
 * One indicator of the built-in bundle while the generator collects it: several source rows (the same
 * C2 domain in the OTX list and in the Cloud Hopper YARA strings, the same hash in two YARA rules)
 * merge into one entry with all their references, the highest confidence and level, and the earliest
 * report date.
 */
final class BundleEntry {
    /** Indicator kinds in the order the bundle lists them. */
    enum Kind {
        MD5("MD5"),
        SHA1("SHA-1"),
        SHA256("SHA-256"),
        IMPHASH("imphash"),
        DOMAIN("C2 domain"),
        DOMAIN_SET("domain set"),
        FILENAME("file name"),
        NAMED_PIPE("named pipe"),
        MUTEX("mutex"),
        PORT("destination port");

        final String title;

        Kind(String title) {
            this.title = title;
        }
    }

    /** A line of a signature-base list or YARA file the entry comes from. */
    record SourceLine(String file, int line) implements Comparable<SourceLine> {
        @Override
        public int compareTo(SourceLine o) {
            int c = file.compareTo(o.file);
            return c != 0 ? c : Integer.compare(line, o.line);
        }
    }

    static final Comparator<BundleEntry> ORDER =
            Comparator.comparing((BundleEntry e) -> e.kind).thenComparing(e -> e.key);

    final Kind kind;
    final String key;
    final String value;
    final String pattern;
    final Set<String> notes = new TreeSet<>();
    final Set<String> labels = new TreeSet<>();
    final Set<String> attackIds = new TreeSet<>();
    final Set<Report> reports = new TreeSet<>(Comparator.comparing(Report::sourceName));
    final Set<SourceLine> lines = new TreeSet<>();
    String family;
    int confidence;
    Level level = Level.LOW;
    boolean detect;
    LocalDate validFrom;

    BundleEntry(Kind kind, String key, String value, String pattern) {
        this.kind = kind;
        this.key = key;
        this.value = value;
        this.pattern = pattern;
    }

    /** Folds one source row into the entry. */
    void add(Report report, int rowConfidence, Level rowLevel, boolean rowDetect, String note) {
        if (report != null) {
            reports.add(report);
            if (validFrom == null || report.date().isBefore(validFrom)) {
                validFrom = report.date();
            }
        }
        confidence = Math.max(confidence, rowConfidence);
        if (rowLevel.compareTo(level) > 0) {
            level = rowLevel;
        }
        detect |= rowDetect;
        if (note != null && !note.isBlank()) {
            notes.add(note.trim());
        }
    }

    String name() {
        return (family != null ? family : "APT10") + " " + kind.title + " " + value;
    }
}
