package fr.pretadepenser.scoring.model.training;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * The C heap's free memory handed back to the system, through the JVM's {@code System.trim_native_heap} command
 * (glibc's {@code malloc_trim}). XGBoost's threads allocate their buffers in glibc's per-thread arenas, whose pages
 * stay resident once the buffers are freed: at Kaggle size, after the cross-validation, six or seven 64 MiB arenas
 * stayed full (about 440 MiB) beside the logistic baseline's matrices, when XGBoost fitted it. Trimmed before each
 * tree fit and before the baseline's folds, the baseline's stage peaked at 3,583-3,631 MiB instead of 4,016 MiB (a
 * fold's peak stays: its own fit fills the arenas again), though it took about 9 s longer (73-74 s against 64 s; the
 * cause not found). The baseline's block is now allocated after a trim too. The JVM
 * can also trim on a timer ({@code -XX:TrimNativeHeapInterval}); here it is done where the memory has been freed.
 */
public final class NativeHeap {

    private static final String DIAGNOSTIC_COMMANDS = "com.sun.management:type=DiagnosticCommand";

    private NativeHeap() {
    }

    /** Trims the C heap. Does nothing on a JVM or a C library without the command. */
    public static void trim() {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(DIAGNOSTIC_COMMANDS),
                    "systemTrimNativeHeap", new Object[]{new String[0]}, new String[]{String[].class.getName()});
        } catch (JMException | RuntimeException unavailable) {
            // Memory that stays resident is only a missed saving.
        }
    }
}
