package io.backline.cli;

import io.backline.core.BackupResult;
import io.backline.core.manifest.BackupManifest;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prints a backup's result: its id, or the whole result as JSON. */
final class BackupOutput {
    private BackupOutput() {
    }

    static int print(PrintWriter out, PrintWriter err, BackupResult result, boolean json) {
        if (json) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", result.id());
            view.put("source", result.source());
            view.put("status", result.status());
            view.put("durationSeconds", result.duration().toMillis() / 1000.0);
            result.error().ifPresent(e -> view.put("error", e.getMessage()));
            result.manifest().ifPresent(m -> view.put("manifest", m));
            Json.print(out, view);
        } else if (result.succeeded()) {
            out.println(result.id());
            out.flush();
        }
        if (!result.succeeded()) {
            err.println("backline: error: " + result.error().map(Throwable::getMessage).orElse("backup failed"));
            err.flush();
            return ExitCodes.FAILED;
        }
        BackupManifest manifest = result.manifest().orElseThrow();
        if (manifest.files() != null && !manifest.files().skipped().isEmpty()) {
            err.println("backline: warning: " + manifest.files().skipped().size() + " entries were skipped; see the"
                    + " manifest");
            err.flush();
        }
        return ExitCodes.OK;
    }
}
