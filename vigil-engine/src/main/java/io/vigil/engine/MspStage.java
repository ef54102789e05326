package io.vigil.engine;

import io.vigil.core.detect.Detection;
import io.vigil.core.event.Event;
import io.vigil.msp.MspAnalysis;
import io.vigil.msp.MspSettings;
import io.vigil.msp.MspStats;
import io.vigil.msp.attribute.Attribution;
import io.vigil.msp.register.Register;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The MSP context analysis (vigil-msp) as a hunt stage: attributes every event and detection to its
 * tenant and MSP identity, lowers sanctioned maintenance, and adds the register-based detections at
 * the end of the hunt.
 */
public final class MspStage implements HuntStage {
    private final MspAnalysis analysis;

    /**
     * @param inputs the hunt's input arguments: directory arguments are roots for the register's
     *     {@code paths} globs, next to the register's own folder
     */
    public MspStage(Register register, List<String> inputs) {
        List<Path> roots = RegisterLocation.directories(inputs);
        this.analysis = new MspAnalysis(
                new Attribution(register, roots), MspSettings.defaults().with(register.thresholds()));
    }

    @Override
    public List<Detection> accept(Event event, List<Detection> detections) {
        return analysis.accept(event, detections);
    }

    @Override
    public Detection annotate(Detection derived) {
        return analysis.annotate(derived);
    }

    @Override
    public void finish(Consumer<Detection> emit) {
        analysis.finish(emit);
    }

    public MspStats stats() {
        return analysis.stats();
    }
}
