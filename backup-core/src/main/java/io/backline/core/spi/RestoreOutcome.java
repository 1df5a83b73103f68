package io.backline.core.spi;

/**
 * What a restore target did.
 *
 * @param target a description of where the payload went
 * @param items  files, or rows, restored
 * @param bytes  bytes of content restored
 */
public record RestoreOutcome(String target, long items, long bytes) {
}
