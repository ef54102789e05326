package io.vigil.engine.score;

import io.vigil.core.detect.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores a hunt against a labelled dataset, the way an analyst judges it: an <em>alert</em> is a
 * detection of level medium or above (what gets triaged); precision is the share of alerts on
 * malicious events; recall is the share of storyline steps with expectations that got at least one
 * detection above informational on one of their events, and separately the share of expected detection
 * ids that fired somewhere in their step. Benign storylines (labels with {@code malicious: false}) must
 * stay at level low or below; their highest level is reported.
 */
public final class Scorecard {
    private final LabelSet labels;
    private long detections;
    private long alerts;
    private long truePositiveAlerts;
    private final Map<String, Long> falsePositivesByRule = new TreeMap<>();
    private final Set<String> detectedSteps = new HashSet<>();
    private final Map<String, Set<String>> firedIdsByStep = new HashMap<>();
    private final Map<String, Level> maxLevelBenignStoryline = new TreeMap<>();

    public Scorecard(LabelSet labels) {
        this.labels = labels;
    }

    /** Adds one detection, located by its input path and 1-based line. */
    public void add(String ruleId, Level level, String path, long line) {
        detections++;
        Optional<Label> label = line > 0 ? labels.find(path, line) : Optional.empty();
        boolean alert = level.compareTo(Level.MEDIUM) >= 0;
        if (alert) {
            alerts++;
            if (label.isPresent() && label.get().malicious()) {
                truePositiveAlerts++;
            } else {
                falsePositivesByRule.merge(ruleId, 1L, Long::sum);
            }
        }
        if (label.isEmpty()) {
            return;
        }
        Label l = label.get();
        if (!l.malicious()) {
            maxLevelBenignStoryline.merge(l.storyline(), level, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            return;
        }
        if (level.compareTo(Level.INFORMATIONAL) > 0) {
            detectedSteps.add(l.stepKey());
        }
        firedIdsByStep.computeIfAbsent(l.stepKey(), k -> new HashSet<>()).add(ruleId);
    }

    public Result result() {
        Map<String, Set<String>> expectedByStep = new TreeMap<>();
        for (Label l : labels.all()) {
            if (l.malicious() && !l.expect().isEmpty()) {
                expectedByStep
                        .computeIfAbsent(l.stepKey(), k -> new TreeSet<>())
                        .addAll(l.expect());
            }
        }
        List<String> missedSteps = new ArrayList<>();
        List<String> missedIds = new ArrayList<>();
        int idsExpected = 0;
        int idsFired = 0;
        for (Map.Entry<String, Set<String>> e : expectedByStep.entrySet()) {
            if (!detectedSteps.contains(e.getKey())) {
                missedSteps.add(e.getKey());
            }
            Set<String> fired = firedIdsByStep.getOrDefault(e.getKey(), Set.of());
            for (String id : e.getValue()) {
                idsExpected++;
                String plain = id.startsWith("sigma:") ? id.substring("sigma:".length()) : id;
                if (fired.contains(plain)) {
                    idsFired++;
                } else {
                    missedIds.add(e.getKey() + " " + id);
                }
            }
        }
        int stepsExpected = expectedByStep.size();
        return new Result(
                detections,
                alerts,
                truePositiveAlerts,
                Map.copyOf(falsePositivesByRule),
                stepsExpected,
                stepsExpected - missedSteps.size(),
                List.copyOf(missedSteps),
                idsExpected,
                idsFired,
                List.copyOf(missedIds),
                Map.copyOf(maxLevelBenignStoryline));
    }

    /** The outcome; ratios are 1.0 when there is nothing to measure. */
    public record Result(
            long detections,
            long alerts,
            long truePositiveAlerts,
            Map<String, Long> falsePositivesByRule,
            int stepsExpected,
            int stepsDetected,
            List<String> missedSteps,
            int idsExpected,
            int idsFired,
            List<String> missedIds,
            Map<String, Level> maxLevelBenignStoryline) {
        public double precision() {
            return alerts == 0 ? 1.0 : (double) truePositiveAlerts / alerts;
        }

        public double stepRecall() {
            return stepsExpected == 0 ? 1.0 : (double) stepsDetected / stepsExpected;
        }

        public double idRecall() {
            return idsExpected == 0 ? 1.0 : (double) idsFired / idsExpected;
        }

        /** A short plain-text report. */
        public String render() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(
                    Locale.ROOT,
                    "Detections: %d, alerts (medium+): %d, on malicious events: %d%n",
                    detections,
                    alerts,
                    truePositiveAlerts));
            b.append(String.format(Locale.ROOT, "Precision (alerts): %.3f%n", precision()));
            b.append(String.format(
                    Locale.ROOT,
                    "Recall (storyline steps): %.3f (%d of %d)%n",
                    stepRecall(),
                    stepsDetected,
                    stepsExpected));
            b.append(String.format(
                    Locale.ROOT,
                    "Recall (expected detection ids): %.3f (%d of %d)%n",
                    idRecall(),
                    idsFired,
                    idsExpected));
            if (!missedSteps.isEmpty()) {
                b.append("Missed steps: ")
                        .append(String.join(", ", missedSteps))
                        .append('\n');
            }
            for (String id : missedIds) {
                b.append("  expected, not fired: ").append(id).append('\n');
            }
            new TreeMap<>(falsePositivesByRule)
                    .forEach((rule, n) -> b.append("  false-positive alerts: ")
                            .append(rule)
                            .append(" × ")
                            .append(n)
                            .append('\n'));
            new TreeMap<>(maxLevelBenignStoryline)
                    .forEach((s, level) -> b.append("Benign storyline ")
                            .append(s)
                            .append(": highest level ")
                            .append(level.name().toLowerCase(Locale.ROOT))
                            .append('\n'));
            return b.toString();
        }
    }
}
