package io.vigil.msp;

import java.time.Duration;

/**
 * The thresholds of the MSP detections (docs/msp-detections.md); {@link #defaults()} gives the documented
 * values. Every duration must be positive and every count at least 1.
 *
 * @param firstSeenLearning how long after an identity's first activity new sources are only learned
 * @param concurrencyWindow two tenants within this time count as concurrent activity
 * @param sharedCredentialTechnicians technicians whose sources must use one customer account
 * @param sharedCredentialWindow the period those uses must fall in
 * @param fanoutHosts distinct hosts reached that make a fan-out
 * @param fanoutWindow the period they must be reached in
 * @param compromisedSourceWindow how long after an intrusion detection a host's logons into a tenant count
 * @param logClearWindow how long before a log clear an intrusion detection counts
 * @param silence a silence longer than this, while the tenant keeps logging, is a gap
 * @param heartbeatCoverage share of hours with events a host needs to be judged for silence
 * @param minContiguousRecords share of consecutive record ids a stream needs to be judged for skips
 * @param egressFactor egress above this many times the daily median is anomalous
 * @param egressWindow egress counts within this time after an ingest
 * @param ingestBytes bytes from tenant addresses that make an ingest
 * @param repeatSuppression a detector does not repeat itself for the same key within this time
 */
public record MspSettings(
        Duration firstSeenLearning,
        Duration concurrencyWindow,
        int sharedCredentialTechnicians,
        Duration sharedCredentialWindow,
        int fanoutHosts,
        Duration fanoutWindow,
        Duration compromisedSourceWindow,
        Duration logClearWindow,
        Duration silence,
        double heartbeatCoverage,
        double minContiguousRecords,
        double egressFactor,
        Duration egressWindow,
        long ingestBytes,
        Duration repeatSuppression) {
    public MspSettings {
        for (Duration d : new Duration[] {
            firstSeenLearning,
            concurrencyWindow,
            sharedCredentialWindow,
            fanoutWindow,
            compromisedSourceWindow,
            logClearWindow,
            silence,
            egressWindow,
            repeatSuppression
        }) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("MSP detection durations must be positive");
            }
        }
        if (sharedCredentialTechnicians < 2 || fanoutHosts < 1 || ingestBytes < 1 || egressFactor <= 0) {
            throw new IllegalArgumentException("MSP detection counts must be positive (technicians at least 2)");
        }
        if (heartbeatCoverage < 0 || heartbeatCoverage > 1 || minContiguousRecords < 0 || minContiguousRecords > 1) {
            throw new IllegalArgumentException("MSP detection shares must lie between 0 and 1");
        }
    }

    /** The documented defaults. */
    public static MspSettings defaults() {
        return new MspSettings(
                Duration.ofDays(7),
                Duration.ofMinutes(30),
                2,
                Duration.ofDays(14),
                5,
                Duration.ofMinutes(60),
                Duration.ofHours(48),
                Duration.ofHours(24),
                Duration.ofHours(4),
                0.9,
                0.9,
                10.0,
                Duration.ofHours(6),
                100L * 1000 * 1000,
                Duration.ofMinutes(60));
    }

    public MspSettings withFanoutHosts(int n) {
        return new MspSettings(
                firstSeenLearning,
                concurrencyWindow,
                sharedCredentialTechnicians,
                sharedCredentialWindow,
                n,
                fanoutWindow,
                compromisedSourceWindow,
                logClearWindow,
                silence,
                heartbeatCoverage,
                minContiguousRecords,
                egressFactor,
                egressWindow,
                ingestBytes,
                repeatSuppression);
    }
}
