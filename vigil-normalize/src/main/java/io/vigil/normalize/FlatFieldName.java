package io.vigil.normalize;

/**
 * A field name of flat records together with what the flat mapping does with it, decided once per
 * distinct name by {@link DirectFlatMapper#nameOf} and then kept by the scanner's name cache: records
 * repeat the same few dozen names, so deciding per field read (hash lookups of every header source in
 * every record) was a second pass over each record.
 *
 * @param name the name as the record spells it
 * @param source the name's index among the mapping's header sources (see {@link DirectFlatMapper}), or
 *     -1 when no header rule reads it
 * @param header the index of the header rule whose canonical name this is, or -1; such a field of the
 *     record itself displaces the header field (see {@link ShapeMapping#displacedPrefix()})
 * @param declines whether a record holding this name belongs to another shape ({@code log_type},
 *     {@code winlog.*}), so that the flat path must give it up
 */
record FlatFieldName(String name, int source, int header, boolean declines) {}
