package io.vigil.sink;

import io.vigil.core.detect.Detection;
import io.vigil.core.detect.Level;
import io.vigil.core.event.Event;
import java.time.Instant;

/**
 * What the terminal table keeps of one detection: only the cells it shows, already made single-line and
 * free of control characters, so that buffering many detections does not keep whole events alive.
 *
 * <p>{@code time} and {@code level} may be null (no event time; rule without a level).
 */
record TimelineRow(
        Instant time, Level level, String computer, String channel, String eventId, String title, String details) {

    static TimelineRow of(Detection detection) {
        Event event = detection.event();
        String title = detection.rule().title() != null
                ? detection.rule().title()
                : detection.rule().id();
        return new TimelineRow(
                event.timestamp(),
                detection.level(),
                cleaned(event.get("Computer")),
                cleaned(event.get("Channel")),
                cleaned(event.get("EventID")),
                cleaned(title),
                EventSummary.of(event));
    }

    private static String cleaned(Object value) {
        return CellText.oneLine(FieldText.of(value));
    }
}
