package io.vigil.msp;

import io.vigil.msp.register.Threshold;
import java.time.Duration;
import java.util.Map;

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
 * @param maxFacts compact facts kept at most; beyond, events are still attributed and their detections
 *     enriched, but no new fact is kept and the summary counts the events not analysed
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
        Duration repeatSuppression,
        long maxFacts) {
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
        if (sharedCredentialTechnicians < 2
                || fanoutHosts < 1
                || ingestBytes < 1
                || egressFactor <= 0
                || maxFacts < 1) {
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
                Duration.ofMinutes(60),
                defaultMaxFacts());
    }

    /**
     * A kept fact costs about 2 KB with the event it may report; a quarter of the heap for facts leaves
     * the rest to matching, whatever -Xmx is.
     */
    static long defaultMaxFacts() {
        return Math.max(10_000L, Runtime.getRuntime().maxMemory() / 4 / 2048);
    }

    /**
     * These settings with the register's {@code thresholds:} applied (values already checked by the
     * register parser: Duration, Long or Double by {@link Threshold#kind()}).
     */
    public MspSettings with(Map<Threshold, Object> overrides) {
        Duration[] d = {
            firstSeenLearning,
            concurrencyWindow,
            sharedCredentialWindow,
            fanoutWindow,
            compromisedSourceWindow,
            logClearWindow,
            silence,
            egressWindow
        };
        long technicians = sharedCredentialTechnicians;
        long hosts = fanoutHosts;
        long ingest = ingestBytes;
        double factor = egressFactor;
        long facts = maxFacts;
        for (Map.Entry<Threshold, Object> e : overrides.entrySet()) {
            Object v = e.getValue();
            switch (e.getKey()) {
                case FIRST_SEEN_LEARNING -> d[0] = (Duration) v;
                case CONCURRENCY_WINDOW -> d[1] = (Duration) v;
                case SHARED_CREDENTIAL_WINDOW -> d[2] = (Duration) v;
                case FANOUT_WINDOW -> d[3] = (Duration) v;
                case COMPROMISED_SOURCE_WINDOW -> d[4] = (Duration) v;
                case LOG_CLEAR_WINDOW -> d[5] = (Duration) v;
                case SILENCE -> d[6] = (Duration) v;
                case EGRESS_WINDOW -> d[7] = (Duration) v;
                case SHARED_CREDENTIAL_TECHNICIANS -> technicians = (Long) v;
                case FANOUT_HOSTS -> hosts = (Long) v;
                case INGEST_BYTES -> ingest = (Long) v;
                case EGRESS_FACTOR -> factor = (Double) v;
                case MAX_FACTS -> facts = (Long) v;
            }
        }
        return new MspSettings(
                d[0],
                d[1],
                (int) Math.min(technicians, Integer.MAX_VALUE),
                d[2],
                (int) Math.min(hosts, Integer.MAX_VALUE),
                d[3],
                d[4],
                d[5],
                d[6],
                heartbeatCoverage,
                minContiguousRecords,
                factor,
                d[7],
                ingest,
                repeatSuppression,
                facts);
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
                repeatSuppression,
                maxFacts);
    }
}
