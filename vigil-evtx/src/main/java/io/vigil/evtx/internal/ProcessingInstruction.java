package io.vigil.evtx.internal;

/** {@code <?target data?>}: kept in the content so that it affects layout as it does in evtx_dump. */
record ProcessingInstruction(String target, String data) {}
