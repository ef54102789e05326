package io.vigil.engine.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.detect.Level;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScorecardTest {
    @TempDir
    Path dir;

    private LabelSet labels() throws IOException {
        Path f = dir.resolve("labels.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(("""
                    {"file":"acme/security.json.gz","line":10,"storyline":"S1","step":4,"malicious":true,"expect":["msp-outside-window","sigma:abc"]}
                    {"file":"acme/security.json.gz","line":11,"storyline":"S1","step":4,"malicious":true,"expect":[]}
                    {"file":"acme/sysmon.ndjson.gz","line":3,"storyline":"S1","step":5,"malicious":true,"expect":["sigma:def"]}
                    {"file":"acme/system.jsonl.gz","line":7,"storyline":"S6","step":1,"malicious":false,"expect":[]}
                    """).getBytes(StandardCharsets.UTF_8));
        }
        return LabelSet.load(f);
    }

    @Test
    void findsLabelsByPathSuffix() throws IOException {
        LabelSet set = labels();
        assertThat(set.find("examples/msp/acme/security.json.gz", 10))
                .get()
                .extracting(Label::stepKey)
                .isEqualTo("S1.4");
        assertThat(set.find("acme/security.json.gz", 12)).isEmpty();
        assertThat(set.find("other/acme-security.json.gz", 10)).isEmpty();
    }

    @Test
    void countsPrecisionRecallAndBenignLevels() throws IOException {
        Scorecard card = new Scorecard(labels());
        card.add("msp-outside-window", Level.HIGH, "x/acme/security.json.gz", 11); // same step, other event
        card.add("noisy", Level.MEDIUM, "x/acme/security.json.gz", 500); // unlabelled: false positive
        card.add("quiet", Level.LOW, "x/acme/security.json.gz", 501); // not an alert
        card.add("psexec", Level.LOW, "x/acme/system.jsonl.gz", 7); // benign storyline, lowered
        Scorecard.Result r = card.result();
        assertThat(r.alerts()).isEqualTo(2);
        assertThat(r.truePositiveAlerts()).isEqualTo(1);
        assertThat(r.precision()).isEqualTo(0.5);
        assertThat(r.stepsExpected()).isEqualTo(2);
        assertThat(r.stepsDetected()).isEqualTo(1);
        assertThat(r.missedSteps()).containsExactly("S1.5");
        assertThat(r.idsExpected()).isEqualTo(3);
        assertThat(r.idsFired()).isEqualTo(1);
        assertThat(r.missedIds()).containsExactly("S1.4 sigma:abc", "S1.5 sigma:def");
        assertThat(r.falsePositivesByRule()).containsEntry("noisy", 1L).hasSize(1);
        assertThat(r.maxLevelBenignStoryline()).containsEntry("S6", Level.LOW);
        assertThat(r.render()).contains("Precision (alerts): 0.500").contains("Missed steps: S1.5");
    }

    @Test
    void rejectsMalformedLabelsWithTheirLine() throws IOException {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, "{\"file\":\"a\",\"line\":1,\"storyline\":\"S1\"}\n{\"file\":\"a\"}\n");
        assertThatThrownBy(() -> LabelSet.load(f)).hasMessageContaining("bad.jsonl:2:");
    }
}
