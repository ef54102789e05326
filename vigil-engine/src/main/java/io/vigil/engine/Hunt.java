package io.vigil.engine;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.diag.DiagnosticSink;
import io.vigil.core.event.Event;
import io.vigil.core.sink.DetectionSink;
import io.vigil.correlate.BatchCorrelation;
import io.vigil.correlate.CorrelationPlan;
import io.vigil.ioc.IocMatcher;
import io.vigil.ioc.IocSet;
import io.vigil.sigma.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * One batch hunt: source → normalize → match → correlate → sink, single-threaded and in input order
 * (files in argument order, directory entries sorted by name, records in file order), so output is
 * deterministic. Rule detections stream out as they are found; correlation detections follow once all
 * inputs are read, because batch correlation needs every base match in event-time order first. Problems with inputs are reported to the diagnostic sink and counted in the summary;
 * the hunt always goes on with the remaining inputs.
 */
public final class Hunt {
    private static final int PROGRESS_EVERY = 4096;

    private final RuleSet rules;
    private final CorrelationPlan correlations;
    private IocMatcher iocs;
    private final Level minLevel;
    private final DetectionSink sink;
    private final DiagnosticSink diagnostics;
    private final HuntProgress progress;

    public Hunt(RuleSet rules, Level minLevel, DetectionSink sink, DiagnosticSink diagnostics, HuntProgress progress) {
        this(rules, CorrelationPlan.EMPTY, minLevel, sink, diagnostics, progress);
    }

    public Hunt(
            RuleSet rules,
            CorrelationPlan correlations,
            Level minLevel,
            DetectionSink sink,
            DiagnosticSink diagnostics,
            HuntProgress progress) {
        this.rules = rules;
        this.correlations = correlations;
        this.minLevel = minLevel;
        this.sink = sink;
        this.diagnostics = diagnostics;
        this.progress = progress;
    }

    /** Adds IOC matching: one detection per (event, indicator), after the event's rule detections. */
    public Hunt withIocs(IocSet set) {
        this.iocs = set.isEmpty() ? null : new IocMatcher(set);
        return this;
    }

    public HuntSummary run(List<String> inputs) throws IOException {
        long start = System.nanoTime();
        HuntSummary summary = new HuntSummary();
        EventStream stream = new EventStream(diagnostics, summary);
        IOException[] correlationFailure = new IOException[1];
        BatchCorrelation correlator = correlations.isEmpty()
                ? null
                : new BatchCorrelation(correlations, diagnostics, d -> {
                    if (correlationFailure[0] == null) {
                        try {
                            emit(d, summary);
                        } catch (IOException e) {
                            correlationFailure[0] = e;
                        }
                    }
                });
        try {
            stream.forEach(inputs, event -> {
                try {
                    match(event, correlator, summary);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (summary.eventsRead % PROGRESS_EVERY == 0) {
                    progress.update(
                            summary.filesRead,
                            summary.eventsRead,
                            event.provenance().path());
                }
            });
            if (correlator != null) {
                correlator.finish();
                summary.correlation = correlator.stats();
                if (correlationFailure[0] != null) {
                    throw correlationFailure[0];
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            progress.done();
        }
        summary.elapsed = Duration.ofNanos(System.nanoTime() - start);
        return summary;
    }

    private void match(Event event, BatchCorrelation correlator, HuntSummary summary) throws IOException {
        IOException[] failure = new IOException[1];
        rules.match(event, rule -> {
            if (correlator != null && correlator.consumes(rule.ref())) {
                correlator.accept(rule.ref(), event);
            }
            if (!correlations.emitsOwnDetections(rule.ref()) || failure[0] != null) {
                return;
            }
            try {
                emit(new Detection(rule.ref(), event), summary);
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        if (iocs != null) {
            iocs.match(event, hit -> {
                if (failure[0] == null) {
                    try {
                        emit(hit.detection(event), summary);
                    } catch (IOException e) {
                        failure[0] = e;
                    }
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        }
    }

    private void emit(Detection detection, HuntSummary summary) throws IOException {
        Level level = detection.rule().level();
        if (level.compareTo(minLevel) < 0) {
            summary.detectionsBelowMinLevel++;
            return;
        }
        summary.detections++;
        summary.byLevel.merge(level, 1L, Long::sum);
        sink.accept(detection);
    }
}
