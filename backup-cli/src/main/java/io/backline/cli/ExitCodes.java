package io.backline.cli;

/** The exit codes of {@code backline}. */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int VERIFICATION_FAILED = 3;

    private ExitCodes() {
    }
}
