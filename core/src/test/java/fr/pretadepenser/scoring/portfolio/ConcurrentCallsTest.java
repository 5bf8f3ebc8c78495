package fr.pretadepenser.scoring.portfolio;

import fr.pretadepenser.scoring.explain.Language;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConcurrentCallsTest {

    @Test
    void answersManyThreadsAtOnceAsItAnswersOne() throws Exception {
        OpenedDirectory opened = OpenedDirectory.get();
        ClientDirectory directory = opened.directory();
        long client = opened.count("SELECT min(SK_ID_CURR) FROM application_train");
        // What one thread gets, then the same calls from 8 threads at once, 20 times each.
        List<Object> expected = calls(directory, client);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Object>>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> calls(directory, client)));
            }
            for (Future<List<Object>> result : results) {
                assertEquals(expected, result.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    private static List<Object> calls(ClientDirectory directory, long client) {
        return List.of(directory.search(new ClientQuery("10", "Cash loans", null, null, 20, 5)),
                directory.profile(client, Language.EN).orElseThrow(),
                directory.neighbors(client, 10).orElseThrow(),
                directory.distribution("EXT_SOURCE_3", OptionalLong.of(client), 20),
                directory.scatter("EXT_SOURCE_3", "DAYS_BIRTH", OptionalLong.of(client), 200));
    }
}
