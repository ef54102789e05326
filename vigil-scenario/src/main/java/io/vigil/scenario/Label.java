package io.vigil.scenario;

import java.util.List;

/**
 * Ground truth for one storyline event: which storyline and step it belongs to, whether it is malicious
 * (S6 is benign maintenance) and which detections should fire on it ({@code docs/msp-detections.md} ids and
 * {@code sigma:<rule id>}).
 */
public record Label(String storyline, int step, boolean malicious, List<String> expect) {
    public Label {
        expect = List.copyOf(expect);
    }
}
