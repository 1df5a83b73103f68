package io.backline.core.internal;

import io.backline.core.manifest.BackupManifest.HostInfo;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Describes the host and library writing a backup. */
public final class HostInfos {
    private HostInfos() {
    }

    public static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    public static String libraryVersion() {
        String version = HostInfos.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }

    public static HostInfo current() {
        return new HostInfo(hostname(), libraryVersion(), System.getProperty("java.version"));
    }
}
