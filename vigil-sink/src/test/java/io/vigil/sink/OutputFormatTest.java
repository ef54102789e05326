package io.vigil.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.detect.Level;
import io.vigil.core.sink.DetectionSink;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutputFormatTest {
    @Test
    void parsesNamesCaseInsensitively() {
        assertThat(OutputFormat.parse("table")).isEqualTo(OutputFormat.TABLE);
        assertThat(OutputFormat.parse(" JSONL ")).isEqualTo(OutputFormat.JSONL);
        assertThat(OutputFormat.parse("Csv")).isEqualTo(OutputFormat.CSV);
        assertThat(OutputFormat.CSV.label()).isEqualTo("csv");
    }

    @Test
    void rejectsUnknownNamesListingTheValidOnes() {
        assertThatThrownBy(() -> OutputFormat.parse("json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'json'")
                .hasMessageContaining("table, jsonl, csv, incidents");
        assertThatThrownBy(() -> OutputFormat.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void opensTheMatchingSinkAndHonoursCloseStream() throws IOException {
        for (OutputFormat format : OutputFormat.values()) {
            CloseRecordingStream stdout = new CloseRecordingStream();
            try (DetectionSink sink = OutputFormat.open(format, stdout, false, true)) {
                String expected = format == OutputFormat.INCIDENTS ? "incident" : format.label();
                assertThat(sink.getClass().getSimpleName()).isEqualToIgnoringCase(expected + "Sink");
                sink.accept(SampleDetections.detection(SampleDetections.rule("R", Level.CRITICAL), Instant.EPOCH, "H"));
            }
            assertThat(stdout.closed).as(format.label()).isFalse();
            assertThat(stdout.size()).as(format.label()).isPositive();
            // colour is for the terminal views only
            assertThat(stdout.text().contains("\u001b"))
                    .as(format.label())
                    .isEqualTo(format == OutputFormat.TABLE || format == OutputFormat.INCIDENTS);

            CloseRecordingStream file = new CloseRecordingStream();
            OutputFormat.open(format, file, true, false).close();
            assertThat(file.closed).as(format.label()).isTrue();
        }
    }
}
