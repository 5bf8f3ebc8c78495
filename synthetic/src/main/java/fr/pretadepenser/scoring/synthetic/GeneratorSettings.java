package fr.pretadepenser.scoring.synthetic;

/**
 * What to generate: how many labelled clients, and the seed that makes the output reproducible byte for byte.
 *
 * @param trainClients rows of application_train, at least 1
 * @param seed         any value; the same settings always give the same files
 */
public record GeneratorSettings(int trainClients, long seed) {

    /** Kaggle's application_train and application_test sizes, whose ratio the test side keeps. */
    private static final double KAGGLE_TRAIN = 307_511;
    private static final double KAGGLE_TEST = 48_744;

    /** Refuses fewer than one training client. */
    public GeneratorSettings {
        if (trainClients < 1) {
            throw new IllegalArgumentException("trainClients must be at least 1, was " + trainClients);
        }
    }

    /** Rows of application_test: about 16% of the training clients, as in Kaggle, and at least one. */
    public int testClients() {
        return (int) Math.max(1, Math.round(trainClients * KAGGLE_TEST / KAGGLE_TRAIN));
    }

    /** Train and test clients together: the clients the side tables describe. */
    public int allClients() {
        return trainClients + testClients();
    }
}
