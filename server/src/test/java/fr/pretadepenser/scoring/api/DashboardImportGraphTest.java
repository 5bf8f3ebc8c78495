package fr.pretadepenser.scoring.api;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's JavaScript modules form a graph without cycles, and every import names a file that exists. */
class DashboardImportGraphTest {

    @Test
    void theDashboardsImportsResolveAndHaveNoCycle() throws Exception {
        ModuleImportGraph graph = ModuleImportGraph.of(dashboardFolder());

        assertEquals(List.of(), graph.problems(), "imports that name no file of the dashboard");
        Optional<List<String>> cycle = graph.cycle();
        assertTrue(cycle.isEmpty(), () -> "the dashboard's modules import each other in a cycle: "
                + String.join(" -> ", cycle.orElseThrow()));
        // The parser really read the files: the shell loads its pages by dynamic import, the pages import statically.
        assertTrue(graph.edges().get("js/app.js").contains("js/pages/signin.js"), graph.edges().toString());
        assertTrue(graph.edges().get("js/pages/signin.js").contains("js/session.js"), graph.edges().toString());
        assertTrue(graph.edges().get("js/i18n.js").contains("i18n/en.js"), graph.edges().toString());
    }

    /** The folder served at {@code /}, read where the server reads it: from the class path (target/classes). */
    private static Path dashboardFolder() throws Exception {
        URL index = DashboardImportGraphTest.class.getResource(ApiServer.DASHBOARD + "/index.html");
        if (index == null) throw new AssertionError(ApiServer.DASHBOARD + "/index.html is not on the class path");
        if (!"file".equals(index.getProtocol())) throw new AssertionError("expected a folder of files, found " + index);
        return Path.of(index.toURI()).getParent();
    }

    @Nested
    class TheGraphOfAFewModules {

        @Test
        void namesTheCycleOfTwoModulesThatImportEachOther() {
            ModuleImportGraph graph = ModuleImportGraph.of(Map.of(
                    "js/app.js", "import { h } from './dom.js';\nconst pages = { signin: () => import('./pages/signin.js') };",
                    "js/dom.js", "export function h() {}",
                    "js/pages/signin.js", "import { h } from '../dom.js';\nimport {\n  signedIn,\n} from \"../app.js\";"));

            assertEquals(List.of(), graph.problems());
            assertEquals(Optional.of(List.of("js/app.js", "js/pages/signin.js", "js/app.js")), graph.cycle());
        }

        @Test
        void namesALongerCycleFromWhereItCloses() {
            ModuleImportGraph graph = ModuleImportGraph.of(Map.of(
                    "a.js", "import './b.js';",
                    "b.js", "export * from './c.js';",
                    "c.js", "import { x } from '/d.js';",
                    "d.js", "import { y } from './b.js';"));

            assertEquals(Optional.of(List.of("b.js", "c.js", "d.js", "b.js")), graph.cycle());
        }

        @Test
        void findsNoCycleInATreeWithSharedLeaves() {
            ModuleImportGraph graph = ModuleImportGraph.of(Map.of(
                    "js/app.js", "import { api } from './api.js';\nimport { s } from './session.js';",
                    "js/session.js", "import { clearCache } from './api.js';",
                    "js/api.js", "export const api = 1;"));

            assertEquals(Optional.empty(), graph.cycle());
            assertEquals(List.of("js/api.js", "js/session.js"), graph.edges().get("js/app.js"));
        }

        @Test
        void reportsAnImportOfAFileThatDoesNotExist() {
            ModuleImportGraph graph = ModuleImportGraph.of(Map.of(
                    "js/pages/client.js", "import { remember } from '../recnet.js';",
                    "js/recent.js", "export function remember() {}"));

            assertEquals(List.of("js/pages/client.js imports '../recnet.js': js/recnet.js does not exist"),
                    graph.problems());
        }

        @Test
        void reportsBareNamesPathsOutsideTheFolderAndComputedDynamicImports() {
            ModuleImportGraph graph = ModuleImportGraph.of(Map.of(
                    "js/app.js", "import _ from 'lodash';\nimport x from '../../secret.js';\nconst m = await import(name);"));

            assertEquals(List.of(
                    "js/app.js has a dynamic import( whose argument is not one string literal, near: import(name);",
                    "js/app.js imports 'lodash', which is not a path inside the dashboard",
                    "js/app.js imports '../../secret.js', which is not a path inside the dashboard"), graph.problems());
        }

        @Test
        void ignoresImportsInCommentsAndWordsThatMerelyStartWithImport() {
            ModuleImportGraph graph = ModuleImportGraph.of(Map.of(
                    "a.js", "// import { b } from './b.js';\n/* import('./b.js') */\nconst importance = t('from');\n"
                            + "export default { 'x': 'comes from \\'b.js\\'' };",
                    "b.js", "import './a.js';"));

            assertEquals(List.of(), graph.edges().get("a.js"));
            assertEquals(Optional.empty(), graph.cycle());
        }
    }
}
