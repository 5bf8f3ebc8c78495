package fr.pretadepenser.scoring.model.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.pretadepenser.scoring.model.scorecard.PointsScale;
import fr.pretadepenser.scoring.model.scorecard.Scorecard;
import fr.pretadepenser.scoring.model.scorecard.ScorecardVariable;
import fr.pretadepenser.scoring.testing.TinyBundle;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScorecardBundleTest {

    @Test
    void aBundleTrainedWithTheScorecardLoadsItBack() throws Exception {
        BundleManifest m = ModelBundle.load(TinyBundle.get().bundle()).manifest();
        assertTrue(m.settings().scorecard());
        Scorecard s = m.scorecard();
        assertNotNull(s);
        assertFalse(s.variables().isEmpty());
        assertEquals(PointsScale.DEFAULT, s.scale());
        for (ScorecardVariable v : s.variables()) {
            assertTrue(v.informationValue() >= Scorecard.MIN_INFORMATION_VALUE, v.toString());
            assertTrue(v.bins().get(v.bins().size() - 1).missing());
        }
        assertEquals(s.variables().size(), s.informationValues().stream().filter(Scorecard.Candidate::selected)
                .count());
        assertTrue(s.evaluation().rocAuc() > 0.5, "AUC " + s.evaluation().rocAuc());
    }

    @Test
    void anOldBundleWithoutTheScorecardStillLoads(@TempDir Path temporary) throws Exception {
        Path source = TinyBundle.get().bundle();
        Path old = temporary.resolve("old");
        Files.createDirectories(old);
        for (String name : List.of(ModelBundle.MODEL, ModelBundle.FEATURES, ModelBundle.OUT_OF_FOLD)) {
            Files.copy(source.resolve(name), old.resolve(name));
        }
        // bundle.json as written before the scorecard: neither the field nor the setting.
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(source.resolve(ModelBundle.BUNDLE).toFile());
        root.remove("scorecard");
        ((ObjectNode) root.get("settings")).remove("scorecard");
        Files.write(old.resolve(ModelBundle.BUNDLE), json.writeValueAsBytes(root));
        StringBuilder sums = new StringBuilder();
        for (String name : List.of(ModelBundle.MODEL, ModelBundle.FEATURES, ModelBundle.BUNDLE,
                ModelBundle.OUT_OF_FOLD)) {
            sums.append(DigestUtils.sha256Hex(Files.readAllBytes(old.resolve(name)))).append("  ").append(name)
                    .append('\n');
        }
        Files.writeString(old.resolve(ModelBundle.CHECKSUMS), sums);

        BundleManifest m = ModelBundle.load(old).manifest();
        assertNull(m.scorecard());
        assertFalse(m.settings().scorecard());
        assertEquals(ModelBundle.load(source).manifest().model(), m.model());
    }
}
