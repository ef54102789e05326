package io.vigil.sigma;

/**
 * The text of one rule file and the path to show for it (as the user gave it, or
 * {@code builtin:<name>}). Reading files is the caller's job: the Sigma core does no I/O.
 */
public record RuleSource(String path, String text) {}
