package io.vigil.msp;

import java.util.Map;

/**
 * What an {@link MspAnalysis} has seen and done, for the hunt summary.
 *
 * @param eventsByOrganisation events attributed to each organisation id ({@code msp} or a tenant)
 * @param unattributed events no rule attributed (for example a bare {@code DC01} both tenants own)
 * @param withoutTime events without an event time: no fact is taken from them
 * @param factsKept compact facts held for the detectors
 * @param notAnalysed events whose facts were not kept because the fact cap was reached
 * @param lowered single-event detections lowered to {@code low} as sanctioned maintenance
 * @param detectionsById MSP detections emitted per rule id
 */
public record MspStats(
        Map<String, Long> eventsByOrganisation,
        long unattributed,
        long withoutTime,
        long factsKept,
        long notAnalysed,
        long lowered,
        Map<String, Long> detectionsById) {
    public MspStats {
        eventsByOrganisation = Map.copyOf(eventsByOrganisation);
        detectionsById = Map.copyOf(detectionsById);
    }
}
