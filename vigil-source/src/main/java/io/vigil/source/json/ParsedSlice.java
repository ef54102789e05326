package io.vigil.source.json;

import io.vigil.core.diag.Diagnostic;
import io.vigil.source.RawRecord;

/**
 * What parsing one {@link RecordSlice} gave: a record, or the ERROR diagnostic saying why the value was
 * skipped (its code is the skip reason: {@code malformed-json}, {@code not-an-object}, {@code
 * record-too-large}, {@code limit-exceeded}). Exactly one of the two is non-null.
 */
public record ParsedSlice(RawRecord record, Diagnostic problem) {}
