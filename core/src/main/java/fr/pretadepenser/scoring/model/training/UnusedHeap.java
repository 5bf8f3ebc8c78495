package fr.pretadepenser.scoring.model.training;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;

/** Hands the Java heap's unused part back to the system, before native work that needs the memory. */
public final class UnusedHeap {

    private UnusedHeap() {
    }

    /**
     * A full collection that shrinks the heap to its live data, with the JVM's heap ratios restored after. Reading
     * the training rows grows the heap past what stays live (at Kaggle size 1.7 GiB committed for 1.1 GiB of rows),
     * and G1 keeps a grown heap unless over 70% of it is free (MaxHeapFreeRatio), which XGBoost's matrices, built
     * beside it, then add to. Does nothing on a JVM that has not these settings or ignores {@code System.gc()}.
     */
    public static void release() {
        HotSpotDiagnosticMXBean vm;
        String min;
        String max;
        try {
            vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            min = vm.getVMOption("MinHeapFreeRatio").getValue();
            max = vm.getVMOption("MaxHeapFreeRatio").getValue();
        } catch (RuntimeException notHotSpot) {
            return;
        }
        try {
            // Lowered in this order and raised back in the other: the JVM refuses a minimum above the maximum.
            vm.setVMOption("MinHeapFreeRatio", "0");
            vm.setVMOption("MaxHeapFreeRatio", "10");
            System.gc();
        } catch (RuntimeException refused) {
            // A heap that keeps its size is only a missed saving.
        } finally {
            try {
                vm.setVMOption("MaxHeapFreeRatio", max);
                vm.setVMOption("MinHeapFreeRatio", min);
            } catch (RuntimeException refused) {
                // Left as set above: only the heap's later growth is then more eager to give memory back.
            }
        }
    }
}
