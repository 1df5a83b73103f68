package io.backline.core.crypto;

/** Constants of the 128-bit age file key. */
final class FileKey {
    static final int SIZE = 16;

    private FileKey() {
    }
}
