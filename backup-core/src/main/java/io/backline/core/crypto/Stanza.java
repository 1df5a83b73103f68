package io.backline.core.crypto;

import java.util.List;

/** One recipient stanza of an age header: its arguments (the first is the type) and its decoded body. */
record Stanza(List<String> args, byte[] body) {
    Stanza {
        args = List.copyOf(args);
        if (args.isEmpty()) {
            throw new IllegalArgumentException("a stanza needs a type");
        }
    }

    String type() {
        return args.get(0);
    }
}
