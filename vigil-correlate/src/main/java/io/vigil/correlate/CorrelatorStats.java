package io.vigil.correlate;

/**
 * What a {@link Correlator} has done so far, for run summaries and tests. Every input that did not
 * take part in correlation is in one of the "not correlated" counts.
 *
 * @param matches detection-rule matches (and watermark-only calls excluded) that some correlation reads
 * @param observations inputs of single correlations made from them (one match can feed several)
 * @param late matches older than the watermark, not correlated
 * @param withoutTime matches without a usable event time, not correlated
 * @param withoutGroup observations lacking a group-by value, not counted in that correlation
 * @param withoutValue observations lacking a usable {@code field} value, not counted
 * @param droppedAtCapacity observations refused because the state store was full
 * @param releasedEarly observations correlated before their watermark because the buffer was full
 * @param fired correlation matches, including those of correlations with {@code generate} off
 * @param emitted detections handed to the output
 * @param openGroups groups with an open window now
 * @param openEntries window entries held now
 * @param buffered inputs waiting for the watermark now
 */
public record CorrelatorStats(
        long matches,
        long observations,
        long late,
        long withoutTime,
        long withoutGroup,
        long withoutValue,
        long droppedAtCapacity,
        long releasedEarly,
        long fired,
        long emitted,
        int openGroups,
        long openEntries,
        long buffered) {}
