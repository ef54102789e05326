package io.vigil.sink;

import static io.vigil.sink.SampleDetections.detection;
import static io.vigil.sink.SampleDetections.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.detect.RuleRef;
import io.vigil.core.event.Provenance;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableSinkTest {
    private static final Instant T1 = Instant.parse("2020-10-23T21:57:29.2175625Z");
    private static final Instant T2 = Instant.parse("2020-10-23T22:00:00Z");
    private static final Instant T3 = Instant.parse("2021-01-01T00:00:00Z");

    private static String render(boolean colour, int width, int bufferLimit, Detection... detections)
            throws IOException {
        CloseRecordingStream out = new CloseRecordingStream();
        try (TableSink sink = new TableSink(out, false, colour, width, bufferLimit)) {
            for (Detection detection : detections) {
                sink.accept(detection);
            }
        }
        return out.text();
    }

    private static String render(boolean colour, Detection... detections) throws IOException {
        return render(colour, TableSink.DEFAULT_WIDTH, TableSink.DEFAULT_BUFFER_LIMIT, detections);
    }

    private static List<String> timeline(String text) {
        return text.lines().takeWhile(line -> !line.isEmpty()).skip(2).toList();
    }

    @Test
    void sortsByEventTimeAndKeepsArrivalOrderForTies() throws IOException {
        String text = render(
                false,
                detection(rule("Late", Level.LOW), T3, "H1"),
                detection(rule("NoTime", Level.LOW), null, "H1"),
                detection(rule("TieFirst", Level.LOW), T1, "H1"),
                detection(rule("Middle", Level.LOW), T2, "H1"),
                detection(rule("TieSecond", Level.LOW), T1, "H1"),
                detection(rule("TieThird", Level.LOW), T1, "H1"));
        List<String> rows = timeline(text);
        assertThat(rows).hasSize(6);
        assertThat(rows.stream().map(r -> r.replaceAll(".*  (\\w+)\\s*$", "$1")).toList())
                .as(text)
                .containsExactly("TieFirst", "TieSecond", "TieThird", "Middle", "Late", "NoTime");
        assertThat(rows.get(0)).startsWith("2020-10-23 21:57:29.217  low  ");
        assertThat(rows.get(5)).startsWith("-  ");
        assertThat(text.lines().findFirst().orElseThrow())
                .startsWith("Timestamp (UTC)")
                .contains("Level", "Computer", "Channel/EventID", "Rule", "Details");
        assertThat(rows.get(0)).contains("  H1  ", "  Security/4624  ");
    }

    @Test
    void showsDetailsAndCutsEveryLineToTheWidth() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Computer", "WS-" + "9".repeat(60));
        fields.put("Channel", "Microsoft-Windows-Sysmon/Operational-With-A-Very-Long-Name");
        fields.put("EventID", 1L);
        fields.put("CommandLine", "powershell -enc " + "A".repeat(400));
        Detection d = detection(rule("R".repeat(80), Level.HIGH), fields, T1, Provenance.record("p", 1));
        String wide = render(false, d);
        assertThat(wide).contains("CommandLine=powershell -enc AAAA");
        for (int width : new int[] {160, 100, 40}) {
            String text = render(false, width, 10, d);
            for (String line : text.lines().toList()) {
                assertThat(line.codePointCount(0, line.length())).as(line).isLessThanOrEqualTo(width);
            }
        }
        // the event id survives when the channel is cut
        assertThat(timeline(wide).get(0)).contains("  Sysmon/Operational-…/1  ");
    }

    @Test
    void abbreviatesCommonChannelNames() {
        assertThat(TimelineLayout.shortChannel("Microsoft-Windows-Sysmon/Operational"))
                .isEqualTo("Sysmon");
        assertThat(TimelineLayout.shortChannel("Microsoft-Windows-PowerShell/Operational"))
                .isEqualTo("PowerShell");
        assertThat(TimelineLayout.shortChannel("Security")).isEqualTo("Security");
        assertThat(TimelineLayout.shortChannel("Microsoft-Windows-")).isEqualTo("Microsoft-Windows-");
    }

    @Test
    void summaryCountsLevelsTopRulesAndTopHosts() throws IOException {
        RuleRef critical = rule("Mimikatz", Level.CRITICAL);
        RuleRef high = rule("Lsass Access", Level.HIGH);
        RuleRef info = rule("Logon", Level.INFORMATIONAL);
        List<Detection> detections = new ArrayList<>();
        detections.add(detection(critical, T1, "DC01"));
        detections.add(detection(high, T1, "DC01"));
        detections.add(detection(high, T2, "WS01"));
        detections.add(detection(high, T2, "WS02"));
        for (int i = 0; i < 12; i++) {
            detections.add(detection(rule("Noise" + i, Level.LOW), T3, "HOST" + i));
        }
        detections.add(detection(info, T3, "DC01"));
        String text = render(false, detections.toArray(Detection[]::new));
        List<String> summary =
                text.lines().dropWhile(line -> !line.startsWith("Summary")).toList();

        assertThat(summary.get(0)).isEqualTo("Summary: 17 detections");
        assertThat(summary.subList(1, 7))
                .containsExactly(
                        "  By level",
                        "    critical           1",
                        "    high               3",
                        "    medium             0",
                        "    low               12",
                        "    informational      1");
        int rules = summary.indexOf("  Top rules");
        int hosts = summary.indexOf("  Top hosts");
        List<String> topRules = summary.subList(rules + 1, hosts);
        assertThat(topRules).hasSize(10);
        assertThat(topRules.get(0)).isEqualTo("        3  high           Lsass Access");
        assertThat(topRules.get(1)).isEqualTo("        1  critical       Mimikatz");
        // ties keep first-seen order, so the later ones fall off the list
        assertThat(topRules.get(9)).endsWith("Noise7");
        List<String> topHosts = summary.subList(hosts + 1, summary.size());
        assertThat(topHosts).hasSize(10);
        assertThat(topHosts.get(0)).isEqualTo("        3  DC01");
        assertThat(topHosts.get(1)).isEqualTo("        1  WS01");
    }

    @Test
    void noEscapeBytesWithoutColourEvenFromHostileEventText() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Computer", "evil\u001b]0;pwned\u0007\u001b[2J");
        fields.put("CommandLine", "a\u009b31mb\u202Eexe.txt");
        String text = render(
                false,
                detection(rule("Crit", Level.CRITICAL), T1, "H"),
                detection(rule("Hostile\u001b[5m", Level.HIGH), fields, T2, Provenance.record("p", 1)));
        assertThat(text).doesNotContain("\u001b").doesNotContain("\u009b").doesNotContain("\u202E");
        assertThat(text).contains("evil ]0;pwned [2J");
    }

    @Test
    void colourCodesLevelsWhenAskedTo() throws IOException {
        String text = render(
                true,
                detection(rule("C", Level.CRITICAL), T1, "H"),
                detection(rule("H", Level.HIGH), T1, "H"),
                detection(rule("M", Level.MEDIUM), T1, "H"),
                detection(rule("L", Level.LOW), T1, "H"),
                detection(rule("I", Level.INFORMATIONAL), T1, "H"));
        assertThat(text)
                .contains("\u001b[91mcritical")
                .contains("\u001b[31mhigh")
                .contains("\u001b[33mmedium")
                .contains("\u001b[36mlow")
                .contains("\u001b[0m");
        // informational keeps the terminal's default colour
        String infoRow = timeline(text).get(4);
        assertThat(infoRow)
                .contains("  informational  ")
                .doesNotContain("\u001b[9")
                .doesNotContain("\u001b[3");
    }

    @Test
    void beyondTheBufferPrintsSortedThenStreamsInArrivalOrderWithOneNote() throws IOException {
        String text = render(
                false,
                TableSink.DEFAULT_WIDTH,
                2,
                detection(rule("B", Level.LOW), T2, "H"),
                detection(rule("A", Level.LOW), T1, "H"),
                detection(rule("D", Level.LOW), T3, "H"),
                detection(rule("C", Level.LOW), T1, "H"));
        List<String> lines = text.lines().toList();
        assertThat(lines.get(2)).endsWith("  A");
        assertThat(lines.get(3)).endsWith("  B");
        assertThat(lines.get(4)).startsWith("(more than 2 detections");
        assertThat(lines.get(5)).endsWith("  D");
        assertThat(lines.get(6)).endsWith("  C");
        assertThat(text.split("more than", -1)).hasSize(2);
        assertThat(text).contains("Summary: 4 detections").contains("    low                4");
    }

    @Test
    void emptyRunSaysSoAndStdoutStaysOpen() throws IOException {
        CloseRecordingStream stdout = new CloseRecordingStream();
        TableSink sink = new TableSink(stdout, false, false);
        sink.close();
        assertThat(stdout.text()).isEqualTo("No detections.\n");
        assertThat(stdout.closed).isFalse();
        assertThat(stdout.flushed).isTrue();
        assertThatThrownBy(() -> sink.accept(detection(rule("x", Level.LOW), T1, "H")))
                .isInstanceOf(IllegalStateException.class);

        CloseRecordingStream file = new CloseRecordingStream();
        TableSink toFile = new TableSink(file, true, false);
        toFile.accept(detection(rule("x", Level.LOW), T1, "H"));
        toFile.close();
        assertThat(file.closed).isTrue();
        assertThat(file.text()).contains("Summary: 1 detection\n");
    }

    @Test
    void rejectsANonPositiveBuffer() {
        assertThatThrownBy(() -> new TableSink(new CloseRecordingStream(), false, false, 80, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
