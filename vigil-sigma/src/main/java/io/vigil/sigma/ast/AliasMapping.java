package io.vigil.sigma.ast;

import io.vigil.core.diag.SourceLocation;

/**
 * One line of a correlation's {@code aliases}: in events of {@code rule}, the alias name {@code alias}
 * stands for the field {@code field}.
 */
public record AliasMapping(String alias, RuleReference rule, String field, SourceLocation location) {}
