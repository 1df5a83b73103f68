package io.backline.jdbc.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to start a child tool: the exact command line, the environment variables added to (or removed from) the
 * inherited environment. Holds no secret: credentials travel in a 0600 file whose path is in the environment.
 *
 * @param command           the argv, tool path first
 * @param addedEnvironment  variables set for the child, e.g. {@code PGPASSFILE}
 * @param removedEnvironment inherited variables removed for the child, e.g. {@code PGPASSWORD}
 */
public record ProcessSpec(List<String> command, Map<String, String> addedEnvironment, Set<String> removedEnvironment) {
    public ProcessSpec {
        command = List.copyOf(command);
        addedEnvironment = Map.copyOf(addedEnvironment);
        removedEnvironment = Set.copyOf(removedEnvironment);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command needs at least the tool");
        }
    }

    public static ProcessSpec of(List<String> command) {
        return new ProcessSpec(command, Map.of(), Set.of());
    }

    /** The tool's file name, for messages. */
    public String toolName() {
        String tool = command.get(0);
        int slash = tool.lastIndexOf('/');
        return slash < 0 ? tool : tool.substring(slash + 1);
    }

    @Override
    public String toString() {
        return "ProcessSpec" + Objects.toString(command) + " env+" + addedEnvironment.keySet() + " env-"
                + removedEnvironment;
    }
}
