package io.vigil.evtx.internal;

/** A substitution value of type NULL: present in the content, renders as nothing. */
enum NullValue {
    INSTANCE
}
