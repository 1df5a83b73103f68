package io.backline.core.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The keys of a repository (DESIGN §4), in one place:
 * <pre>
 * backline-repository.json                 marker
 * &lt;source&gt;/&lt;id&gt;.manifest.json               the backup's record
 * &lt;source&gt;/&lt;id&gt;.&lt;payload&gt;.&lt;zst|gz&gt;[.age]     the artifact
 * &lt;source&gt;/&lt;id&gt;.sha256                     sha256sum sidecar
 * &lt;source&gt;/&lt;id&gt;.verify-&lt;timestamp&gt;.json    verification records
 * &lt;source&gt;/lock.json                       the per-source lock lease
 * </pre>
 */
public final class RepositoryLayout {
    public static final String MARKER = "backline-repository.json";
    public static final String MANIFEST_SUFFIX = ".manifest.json";
    public static final String LOCK_NAME = "lock.json";

    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern BACKUP_ID = Pattern.compile("\\d{8}T\\d{6}Z-[a-z0-9]{8}");

    private RepositoryLayout() {
    }

    /** Checks a source name, with a message that says what is allowed. */
    public static String checkSourceName(String name) {
        if (name == null || !SOURCE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "source name needs to match [a-z0-9][a-z0-9._-]{0,62}, not '" + name + "'");
        }
        return name;
    }

    public static boolean isBackupId(String text) {
        return text != null && BACKUP_ID.matcher(text).matches();
    }

    public static String manifestKey(String source, String id) {
        return source + "/" + id + MANIFEST_SUFFIX;
    }

    public static String artifactKey(String source, String artifactName) {
        return source + "/" + artifactName;
    }

    public static String artifactName(String id, String payloadExtension, String compressionExtension,
                                      String encryptionSuffix) {
        return id + "." + payloadExtension + compressionExtension + encryptionSuffix;
    }

    public static String sidecarKey(String source, String id) {
        return source + "/" + id + ".sha256";
    }

    public static String lockKey(String source) {
        return source + "/" + LOCK_NAME;
    }

    public static String verificationKey(String source, String id, String timestamp) {
        return source + "/" + id + ".verify-" + timestamp + ".json";
    }

    /** Whether {@code key} is a verification record's: {@code <source>/<id>.verify-<timestamp>.json}. */
    public static boolean isVerificationKey(String key) {
        return key.contains(".verify-") && key.endsWith(".json");
    }

    /** The prefix under which every key of one source lives. */
    public static String sourcePrefix(String source) {
        return source + "/";
    }

    /** Splits a manifest key into source and id, or empty when the key is not a manifest's. */
    public static Optional<String[]> parseManifestKey(String key) {
        if (!key.endsWith(MANIFEST_SUFFIX)) {
            return Optional.empty();
        }
        int slash = key.indexOf('/');
        if (slash <= 0 || key.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String source = key.substring(0, slash);
        String id = key.substring(slash + 1, key.length() - MANIFEST_SUFFIX.length());
        return Optional.of(new String[] {source, id});
    }

    /** The sidecar's text, in the format {@code sha256sum -c} reads. */
    public static String sidecarText(String sha256, String artifactName) {
        return sha256 + "  " + artifactName + "\n";
    }
}
