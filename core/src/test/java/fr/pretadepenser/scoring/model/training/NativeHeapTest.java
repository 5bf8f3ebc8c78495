package fr.pretadepenser.scoring.model.training;

import fr.pretadepenser.scoring.progress.ResidentMemory;
import ml.dmlc.xgboost4j.java.util.BigDenseMatrix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NativeHeapTest {

    @Test
    void handsBackTheFreePagesGlibcKeptBetweenLiveBlocks() {
        assumeTrue(ResidentMemory.currentKiB().isPresent(), "Linux only: resident memory is read from /proc");
        // 64 KiB blocks: under glibc's mmap threshold, so they are carved out of its heap and stay resident once
        // freed, held in place by every tenth block, which stays allocated.
        List<BigDenseMatrix> blocks = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            BigDenseMatrix block = new BigDenseMatrix(1, 16 * 1024);
            for (long cell = 0; cell < 16 * 1024; cell += 1024) {
                block.set(cell, 1f);
            }
            blocks.add(block);
        }
        for (int i = 0; i < blocks.size(); i++) {
            if (i % 10 != 0) {
                blocks.get(i).dispose();
            }
        }
        try {
            long before = ResidentMemory.currentKiB().getAsLong();
            NativeHeap.trim();
            long after = ResidentMemory.currentKiB().getAsLong();
            // About 170 MiB were freed between the kept blocks.
            assertTrue(before - after > 100 * 1024, "resident " + before + " KiB before the trim, " + after
                    + " KiB after");
        } finally {
            for (int i = 0; i < blocks.size(); i += 10) {
                blocks.get(i).dispose();
            }
        }
    }
}
