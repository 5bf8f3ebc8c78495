package fr.pretadepenser.scoring.model.training;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;

/**
 * The Java heap shrunk to its live data while native work (XGBoost's matrices) needs the memory, and kept from
 * growing back only to keep free room; the JVM's heap sizing is restored on {@link #close()}.
 */
public final class LeanHeap implements AutoCloseable {

    private static final String MIN_FREE = "MinHeapFreeRatio";
    private static final String MAX_FREE = "MaxHeapFreeRatio";
    /** The minimum free share a lean heap keeps: none, which is also how {@link #trim()} knows one is in force. */
    private static final String LEAN_MIN_FREE = "0";
    /** The free share a lean heap's full collections leave: what is above it goes back to the system. */
    private static final String LEAN_MAX_FREE = "10";

    private final HotSpotDiagnosticMXBean vm;
    private final String min;
    private final String max;

    private LeanHeap(HotSpotDiagnosticMXBean vm, String min, String max) {
        this.vm = vm;
        this.min = min;
        this.max = max;
    }

    /**
     * A full collection at a 10% free ratio, then no minimum free share. Reading the Kaggle-size training rows leaves
     * 1.77 GiB of heap committed for 1.1 GiB live: G1 shrinks a heap only when over 70% of it is free
     * (MaxHeapFreeRatio), and grows it back, at its next marking, until 40% is free (MinHeapFreeRatio), which
     * is that same 1.77 GiB. Does nothing on a JVM without these settings or that ignores {@code System.gc()}.
     */
    public static LeanHeap shrink() {
        LeanHeap lean;
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            lean = new LeanHeap(vm, vm.getVMOption(MIN_FREE).getValue(), vm.getVMOption(MAX_FREE).getValue());
        } catch (RuntimeException notHotSpot) {
            return new LeanHeap(null, null, null);
        }
        try {
            // Lowered in this order and raised back in the other: the JVM refuses a minimum above the maximum.
            lean.vm.setVMOption(MIN_FREE, LEAN_MIN_FREE);
            collectDownTo(lean.vm, lean.max);
        } catch (RuntimeException refused) {
            // A heap that keeps its size is only a missed saving.
        }
        return lean;
    }

    /**
     * A full collection now, for when most of the heap has just been let go: G1 then hands back what leaves more
     * than MaxHeapFreeRatio (70% by default) free, and under a lean heap does not grow back to keep free room.
     */
    public static void collect() {
        System.gc();
    }

    /**
     * Under a lean heap, a full collection that hands back what leaves more than 10% of the heap free, for the
     * moment before native memory grows (a fold's matrices): young collections may have grown the heap again since
     * {@link #shrink} (at Kaggle size one run kept 1.40 GiB committed for 1.03 GiB live through its folds, another
     * 1.12 GiB). Elsewhere (no lean heap, or not HotSpot) nothing.
     */
    public static void trim() {
        try {
            HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (LEAN_MIN_FREE.equals(vm.getVMOption(MIN_FREE).getValue())) {
                collectDownTo(vm, vm.getVMOption(MAX_FREE).getValue());
            }
        } catch (RuntimeException notHotSpot) {
            // A heap that keeps its size is only a missed saving.
        }
    }

    /** A full collection that hands back what leaves more than 10% free; then the maximum free share {@code max}. */
    private static void collectDownTo(HotSpotDiagnosticMXBean vm, String max) {
        vm.setVMOption(MAX_FREE, LEAN_MAX_FREE);
        System.gc();
        vm.setVMOption(MAX_FREE, max);
    }

    /** Restores the JVM's heap ratios. */
    @Override
    public void close() {
        if (vm == null) {
            return;
        }
        try {
            vm.setVMOption(MAX_FREE, max);
            vm.setVMOption(MIN_FREE, min);
        } catch (RuntimeException refused) {
            // Left lean: the heap then only grows when collections take too long, not to keep free room.
        }
    }
}
