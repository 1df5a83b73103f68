package io.backline.verify.internal;

import io.backline.core.manifest.BackupManifest.HostInfo;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The host a verification ran on, for its record. */
public final class Hosts {
    private static volatile HostInfo current;

    private Hosts() {
    }

    /** This host's name, the library version (from the jar manifest, or {@code dev}) and the Java version. */
    public static HostInfo current() {
        HostInfo info = current;
        if (info == null) {
            String version = Hosts.class.getPackage().getImplementationVersion();
            info = new HostInfo(hostname(), version == null ? "dev" : version, System.getProperty("java.version"));
            current = info;
        }
        return info;
    }

    private static String hostname() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
