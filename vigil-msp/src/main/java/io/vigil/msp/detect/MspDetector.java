package io.vigil.msp.detect;

import io.vigil.core.detect.Detection;
import java.util.List;

/**
 * One MSP detection: reads the sorted facts of a hunt from the context and adds its detections to {@code
 * out}. Detectors are run once, after every event was seen; they must not depend on anything but the
 * facts (never on input order).
 */
public interface MspDetector {
    MspRule rule();

    void run(DetectionContext ctx, List<Detection> out);
}
