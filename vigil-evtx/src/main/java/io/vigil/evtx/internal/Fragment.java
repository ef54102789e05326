package io.vigil.evtx.internal;

import java.util.List;

/** Embedded binary XML (value type 0x21): the elements and template instances it holds. */
record Fragment(List<Object> nodes) {}
