package io.vigil.msp.activity;

import io.vigil.core.event.Event;
import io.vigil.core.event.Provenance;
import java.time.Instant;

/**
 * A file hash (Sysmon {@code Hashes}) or PowerShell script-block hash seen in a tenant.
 *
 * @param kind {@code file} or {@code script}
 * @param hash {@code SHA256=...} (else SHA1, else MD5) or {@code SHA256=} of the script-block text
 * @param suspicious the event carried a single-event detection, or Sysmon says the image is unsigned
 * @param event the triggering event, kept only for the occurrences that can become detections
 */
public record Artifact(
        Instant time, String tenant, String host, String kind, String hash, boolean suspicious, Event event)
        implements Fact {
    @Override
    public Provenance provenance() {
        return event.provenance();
    }
}
