package fr.pretadepenser.scoring.progress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ResidentMemoryTest {

    @TempDir
    Path tmp;

    @Test
    void readsThePeakAndTheCurrentLinesOfAStatusFile() throws IOException {
        Path status = tmp.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t 9999999 kB\nVmHWM:\t 4300216 kB\nVmRSS:\t 2040000 kB\n");
        assertEquals(OptionalLong.of(4_300_216), ResidentMemory.peakKiB(status));
        assertEquals(OptionalLong.of(2_040_000), ResidentMemory.field(status, "VmRSS:"));
    }

    @Test
    void aMissingFileOrLineGivesNoFigure() throws IOException {
        assertTrue(ResidentMemory.peakKiB(tmp.resolve("absent")).isEmpty());
        Path status = tmp.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmRSS:\t 2040000 kB\n");
        assertTrue(ResidentMemory.peakKiB(status).isEmpty());
    }

    @Test
    void onLinuxThisProcessHasAPeakAtLeastAsHighAsItsMemoryNow() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "no /proc here");
        long now = ResidentMemory.currentKiB().orElseThrow();
        long peak = ResidentMemory.peakKiB().orElseThrow();
        assertTrue(now > 0 && peak >= now, now + " KiB now, peak " + peak + " KiB");
        String line = ResidentMemory.peakLine().orElseThrow();
        assertTrue(line.matches("peak resident memory [0-9,]+ MiB \\(the whole process so far\\)"), line);
        // Read after the figures above: the peak can only have grown since.
        assertTrue(Long.parseLong(line.replaceAll("[^0-9]", "")) >= peak / 1024, line + " against " + peak + " KiB");
    }
}
