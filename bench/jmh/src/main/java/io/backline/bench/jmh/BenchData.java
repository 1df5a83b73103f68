package io.backline.bench.jmh;

import io.backline.bench.Corpus;
import java.util.SplittableRandom;

/** Deterministic in-memory inputs for the JMH benchmarks. */
final class BenchData {
    private BenchData() {
    }

    /** Random bytes (incompressible). */
    static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        Corpus.fillRandom(new SplittableRandom(seed), data, 0, size);
        return data;
    }

    /**
     * The file tree's mix in 1 MiB blocks: 13 of every 20 blocks log text, 7 random (65% / 35%, the tree's share of
     * compressible and incompressible bytes).
     */
    static byte[] mixed(int size, long seed) {
        byte[] data = new byte[size];
        Corpus.Text text = Corpus.text(seed);
        SplittableRandom random = new SplittableRandom(seed);
        int block = 1 << 20;
        for (int off = 0, i = 0; off < size; off += block, i++) {
            int n = Math.min(block, size - off);
            if (i % 20 < 13) {
                text.fill(data, off, n);
            } else {
                Corpus.fillRandom(random, data, off, n);
            }
        }
        return data;
    }
}
