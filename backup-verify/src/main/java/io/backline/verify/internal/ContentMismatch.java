package io.backline.verify.internal;

/** What a {@link ContentInspector} found wrong with a payload, in words that name the table, entry or count. */
public final class ContentMismatch extends Exception {
    private static final long serialVersionUID = 1L;

    public ContentMismatch(String message) {
        super(message);
    }

    public ContentMismatch(String message, Throwable cause) {
        super(message, cause);
    }
}
