package io.vigil.normalize;

import java.util.List;

/**
 * One canonical header field of a shape mapping: where its value may come from, in order of preference.
 *
 * @param name canonical field name
 * @param sources flattened source paths; the first present wins and is consumed
 * @param conversion applied to the winning value
 * @param aside name for a further source that is present too, or {@code null} to let such a source pass
 *     through under its own name
 */
record FieldRule(String name, List<String> sources, Conversion conversion, String aside) {}
