package io.vigil.cli;

import picocli.CommandLine;

/** Reports the version recorded in the jar manifest at build time. */
public final class VersionText implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"vigil " + (v == null ? "(development build)" : v)};
    }
}
