package io.vigil.sigma.parse;

import io.vigil.sigma.RuleSource;
import java.util.List;
import java.util.function.Function;

/**
 * Where {@link io.vigil.sigma.SigmaRules#load} gets the parse of its rule files: straight from the
 * parser ({@link #NONE}), or from a store that may answer some files itself (the engine's rule cache).
 * The Sigma core does no I/O, so a store that keeps parses on disk lives outside it.
 *
 * <p>Contract: the result has one entry per source, in order, each equal to what {@code parser} would
 * return for that source; {@code parser} parses a list of sources, in order.
 */
public interface ParseStore {
    /** No store: every file is parsed. */
    ParseStore NONE = (sources, parser) -> parser.apply(sources);

    List<ParsedFile> parse(List<RuleSource> sources, Function<List<RuleSource>, List<ParsedFile>> parser);
}
