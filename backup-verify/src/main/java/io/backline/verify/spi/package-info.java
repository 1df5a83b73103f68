/**
 * The service-provider interface for restore drills: {@link io.backline.verify.spi.ScratchTargets} creates a
 * throw-away place (a scratch database named {@code backline_verify_<id>}, a scratch directory) to restore a backup
 * into, and {@link io.backline.verify.spi.ScratchTarget} restores, reports what it holds and cleans up.
 *
 * <p>Implementations report; the verifier compares. A provider never needs to know what the manifest promised: it
 * says what the scratch copy holds ({@link io.backline.verify.spi.ScratchContents}) and the verifier compares that
 * with the manifest, so every provider fails a drill for the same reasons with the same words. Nothing here depends
 * on the module's internals.
 */
package io.backline.verify.spi;
