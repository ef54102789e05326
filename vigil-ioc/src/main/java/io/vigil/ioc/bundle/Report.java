package io.vigil.ioc.bundle;

import java.time.LocalDate;

/**
 * A public source an indicator is tied to: written as a STIX external reference, and its date is the
 * indicator's {@code valid_from}.
 */
record Report(String sourceName, String description, String url, LocalDate date) {}
