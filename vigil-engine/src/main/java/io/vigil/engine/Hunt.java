package io.vigil.engine;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.diag.Diagnostic;
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
import java.util.ArrayList;
import java.util.List;

/**
 * One batch hunt: source → normalize → match → correlate → stages → sink, with a deterministic output
 * order: files in argument order, directory entries sorted by name, records in file order, and per
 * event its rule detections in rule load order, then its indicator hits. The order does not depend on
 * the number of threads: with one thread everything runs on the calling thread (the reference path);
 * with more, {@link HuntPipeline} reads, parses, normalises and matches on several threads and this
 * class applies the results in input order on the calling thread.
 *
 * <p>Rule detections stream out as they are found; correlation detections follow once all inputs are
 * read, because batch correlation needs every base match in event-time order first; then the
 * detections of {@link HuntStage stages}. Only counters are kept, so memory does not grow with the
 * input. Problems with inputs are reported to the diagnostic sink (in input order, from the calling
 * thread) and counted in the summary; the hunt always goes on with the remaining inputs.
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
    private final List<HuntStage> stages = new ArrayList<>();
    private int threads = 1;

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

    /** Adds a stage that sees every event in input order; stages run in the order they are added. */
    public Hunt withStage(HuntStage stage) {
        stages.add(java.util.Objects.requireNonNull(stage, "stage"));
        return this;
    }

    /**
     * Matches on {@code threads} threads (default 1: everything on the calling thread). The output is
     * the same for any value.
     */
    public Hunt withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.threads = threads;
        return this;
    }

    public HuntSummary run(List<String> inputs) throws IOException {
        long start = System.nanoTime();
        HuntSummary summary = new HuntSummary();
        Emitter emitter = new Emitter(summary);
        try {
            EventStream stream = new EventStream(diagnostics, summary);
            if (threads == 1) {
                stream.forEach(inputs, event -> emitter.event(EventMatch.of(event, rules, correlations, iocs)));
            } else {
                new HuntPipeline(threads, event -> EventMatch.of(event, rules, correlations, iocs))
                        .run(stream.discover(inputs), emitter::item);
            }
            emitter.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            progress.done();
        }
        summary.elapsed = Duration.ofNanos(System.nanoTime() - start);
        return summary;
    }

    /** Applies match results in input order: counters, correlation, sink, stages, progress. */
    private final class Emitter {
        private final HuntSummary summary;
        private final BatchCorrelation correlator;

        Emitter(HuntSummary summary) {
            this.summary = summary;
            this.correlator =
                    correlations.isEmpty() ? null : new BatchCorrelation(correlations, diagnostics, this::emitDerived);
        }

        /** One item of {@link HuntPipeline}'s output. */
        void item(Object item) {
            if (item instanceof EventMatch match) {
                summary.eventsRead++;
                event(match);
            } else if (item instanceof HuntPipeline.Skipped skipped) {
                summary.eventsSkipped.merge(skipped.problem().code(), 1L, Long::sum);
                diagnostics.report(skipped.problem());
            } else if (item instanceof Diagnostic d) {
                diagnostics.report(d);
            } else if (item instanceof HuntPipeline.InputDone done) {
                if (done.completed()) {
                    summary.filesRead++;
                } else {
                    summary.inputsFailed++;
                }
                done.skipped().forEach((code, n) -> summary.eventsSkipped.merge(code, n, Long::sum));
            } else {
                throw new IllegalStateException("unexpected pipeline item " + item);
            }
        }

        /** One event, already counted as read. */
        void event(EventMatch match) {
            Event event = match.event();
            if (correlator != null) {
                for (RuleRef ref : match.baseMatches()) {
                    if (correlator.consumes(ref)) {
                        correlator.accept(ref, event);
                    }
                }
            }
            List<Detection> detections = match.detections();
            for (HuntStage stage : stages) {
                detections = stage.accept(event, detections);
            }
            for (Detection d : detections) {
                emit(d);
            }
            if (summary.eventsRead % PROGRESS_EVERY == 0) {
                progress.update(
                        summary.filesRead,
                        summary.eventsRead,
                        event.provenance().path());
            }
        }

        void finish() {
            if (correlator != null) {
                correlator.finish();
                summary.correlation = correlator.stats();
            }
            for (HuntStage stage : stages) {
                stage.finish(this::emit);
            }
        }

        void emitDerived(Detection detection) {
            Detection d = detection;
            for (HuntStage stage : stages) {
                d = stage.annotate(d);
            }
            emit(d);
        }

        void emit(Detection detection) {
            Level level = detection.rule().level();
            if (level.compareTo(minLevel) < 0) {
                summary.detectionsBelowMinLevel++;
                return;
            }
            summary.detections++;
            summary.byLevel.merge(level, 1L, Long::sum);
            try {
                sink.accept(detection);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
