package fr.pretadepenser.scoring.model.training;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.junit.jupiter.api.Test;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeanHeapTest {

    private static final HotSpotDiagnosticMXBean VM =
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    private static String option(String name) {
        return VM.getVMOption(name).getValue();
    }

    @Test
    void shrinksTheHeapToWhatStaysLive() {
        // 384 MiB kept and twice that dropped, in arrays small enough to be ordinary objects: after a collection
        // the heap is two-thirds free, which G1 keeps as it is by default (it shrinks only when over 70% is free).
        List<long[]> kept = new ArrayList<>();
        List<long[]> dropped = new ArrayList<>();
        for (int i = 0; i < 768; i++) {
            kept.add(new long[1 << 16]);
            dropped.add(new long[1 << 16]);
            dropped.add(new long[1 << 16]);
        }
        long grown = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        assertTrue(grown > 1152L << 20, "the heap grew to hold 1,152 MiB: " + (grown >> 20) + " MiB");
        dropped.clear();
        try (LeanHeap lean = LeanHeap.shrink()) {
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            assertEquals(768, kept.size());
            assertTrue(heap.getCommitted() < heap.getUsed() * 1.5, "committed " + (heap.getCommitted() >> 20)
                    + " MiB for " + (heap.getUsed() >> 20) + " MiB used (" + (grown >> 20) + " MiB before)");
        }
    }

    @Test
    void trimsTheHeapGrownAgainUnderALeanHeapAndLeavesItsRatios() {
        List<long[]> kept = new ArrayList<>();
        for (int i = 0; i < 768; i++) {
            kept.add(new long[1 << 16]);
        }
        try (LeanHeap lean = LeanHeap.shrink()) {
            // Garbage held for a while, as a fold's reads and predictions are: the heap grows again to hold it.
            List<long[]> dropped = new ArrayList<>();
            for (int i = 0; i < 1536; i++) {
                dropped.add(new long[1 << 16]);
            }
            long grown = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
            assertTrue(grown > 1152L << 20, "the heap grew to hold 1,152 MiB: " + (grown >> 20) + " MiB");
            dropped.clear();
            String max = option("MaxHeapFreeRatio");
            LeanHeap.trim();
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            assertEquals(768, kept.size());
            // Within half again of the 384 MiB kept (the garbage is gone, so the used figure is the live one).
            assertTrue(heap.getCommitted() < 576L << 20, "committed " + (heap.getCommitted() >> 20)
                    + " MiB for " + (heap.getUsed() >> 20) + " MiB used (" + (grown >> 20) + " MiB before)");
            assertEquals(max, option("MaxHeapFreeRatio"));
            assertEquals("0", option("MinHeapFreeRatio"));
        }
    }

    @Test
    void collectsNothingWithoutALeanHeap() {
        String min = option("MinHeapFreeRatio");
        String max = option("MaxHeapFreeRatio");
        long before = fullCollections();
        LeanHeap.trim();
        assertEquals(before, fullCollections(), "a full collection ran");
        assertEquals(min, option("MinHeapFreeRatio"));
        assertEquals(max, option("MaxHeapFreeRatio"));
        try (LeanHeap lean = LeanHeap.shrink()) {
            long lean0 = fullCollections();
            LeanHeap.trim();
            assertEquals(lean0 + 1, fullCollections(), "under a lean heap, one full collection");
        }
    }

    /** Full collections so far: those of G1's old generation (or Serial's and Parallel's mark-sweep). */
    private static long fullCollections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(gc -> gc.getName().contains("Old") || gc.getName().contains("MarkSweep"))
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    @Test
    void keepsNoFreeRoomWhileOpenAndRestoresTheJvmsRatiosWhenClosed() {
        String min = option("MinHeapFreeRatio");
        String max = option("MaxHeapFreeRatio");
        try (LeanHeap lean = LeanHeap.shrink()) {
            // G1 grows the heap at each marking until this share of it is free: 40% by default, which would
            // take back what the shrink gave.
            assertEquals("0", option("MinHeapFreeRatio"));
            assertEquals(max, option("MaxHeapFreeRatio"));
        }
        assertEquals(min, option("MinHeapFreeRatio"));
        assertEquals(max, option("MaxHeapFreeRatio"));
    }
}
