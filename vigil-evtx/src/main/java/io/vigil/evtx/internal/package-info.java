/**
 * Implementation of the EVTX reader: chunk validation and record framing ({@code ChunkDecoder}),
 * binary XML tokens ({@code BinXmlParser}), substitution values ({@code ValueDecoder}, {@code
 * ValueText}), template instantiation ({@code TemplateExpander}), the evtx_dump tree ({@code
 * DumpTree}) and the in-order parallel pipeline ({@code ChunkPipeline}). Not API: the public types
 * here are public only so that {@code io.vigil.evtx} can use them.
 */
package io.vigil.evtx.internal;
