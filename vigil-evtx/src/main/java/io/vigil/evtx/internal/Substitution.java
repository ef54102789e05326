package io.vigil.evtx.internal;

/**
 * A hole in a template definition, filled by value {@code index} of the instance; an optional one
 * disappears when the value is empty.
 */
record Substitution(int index, int declaredType, boolean optional) {}
