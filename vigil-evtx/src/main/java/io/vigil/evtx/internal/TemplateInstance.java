package io.vigil.evtx.internal;

/** A use of a cached template definition with this record's substitution values. */
record TemplateInstance(Element template, Object[] values) {}
