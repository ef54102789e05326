package io.vigil.engine.score;

import java.util.List;

/**
 * Ground truth for one event of a labelled dataset: which storyline step it belongs to, whether it is
 * malicious (the benign-maintenance storyline is not), and the detection ids expected to fire on it.
 */
public record Label(String file, long line, String storyline, int step, boolean malicious, List<String> expect) {
    public Label {
        expect = List.copyOf(expect);
    }

    /** The storyline step as {@code S1.4}. */
    public String stepKey() {
        return storyline + "." + step;
    }
}
