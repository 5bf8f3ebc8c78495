package fr.pretadepenser.scoring.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.pretadepenser.scoring.explain.Language;
import fr.pretadepenser.scoring.explain.ReasonCode;
import fr.pretadepenser.scoring.explain.VariableLabels;
import fr.pretadepenser.scoring.score.ApplicationScoring;
import fr.pretadepenser.scoring.score.Score;

import java.util.List;

/**
 * The answers of {@code GET /clients/{id}/score} under one served model, kept as the JSON bytes sent. A stored
 * client's score and explanation depend only on its stored feature row and the model, so each (client, language,
 * detail) is computed once, on its first request, and then served from memory. The cache belongs to one
 * {@link ServedModel}: a model switch replaces it with the model, so no answer of another version is ever served.
 * Bounded by bytes, least useful answers evicted first (Caffeine's W-TinyLFU). Thread-safe; concurrent first
 * requests for one key compute it once.
 */
final class ClientAnswers {

    /** The most bytes of answers kept: about 15,000 default answers of 4 KB, or 2,800 full ones of 23 KB. */
    static final long MAX_BYTES = 64L << 20;

    /**
     * One served answer and what the audit log records of it.
     *
     * @param json        the answer's body
     * @param probability the probability of default
     * @param decision    {@code granted} or {@code refused}
     * @param against     the variables of the reasons toward default, strongest first
     */
    record Answer(byte[] json, double probability, String decision, List<String> against) {
    }

    private record Key(long client, Language language, ScoreView.Detail detail) {
    }

    private final ApplicationScoring scoring;
    private final VariableLabels labels;
    private final Cache<Key, Answer> cache;

    ClientAnswers(ApplicationScoring scoring, VariableLabels labels) {
        this.scoring = scoring;
        this.labels = labels;
        // The weight is the body's size; the key and the record add a few dozen bytes each, left out.
        this.cache = Caffeine.newBuilder().maximumWeight(MAX_BYTES)
                .weigher((Key k, Answer a) -> a.json().length).build();
    }

    /**
     * The answer for a stored client, computed on first request.
     *
     * @throws fr.pretadepenser.scoring.data.UnknownClientException when no client has that id (nothing is kept)
     */
    Answer get(long client, Language language, ScoreView.Detail detail) {
        return cache.get(new Key(client, language, detail), this::compute);
    }

    private Answer compute(Key key) {
        Score score = scoring.storedClient(key.client(), key.language());
        ScoreView view = ScoreView.of(score, ApplicationScoring.HistorySource.STORED, List.of(), key.language(),
                labels, key.detail(), ScoreView.FeaturesView.of(scoring.bundle()));
        return new Answer(JsonAnswers.bytes(view), score.probability(), score.decision().label(),
                score.against().stream().map(ReasonCode::variable).toList());
    }
}
