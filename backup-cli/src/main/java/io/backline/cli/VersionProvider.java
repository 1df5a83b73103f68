package io.backline.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the library version from the jar manifest. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"backline " + (version == null ? "0.1.0-SNAPSHOT" : version),
                "Java " + System.getProperty("java.version")};
    }
}
