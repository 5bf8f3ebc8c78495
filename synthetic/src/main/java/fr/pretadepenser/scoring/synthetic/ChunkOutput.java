package fr.pretadepenser.scoring.synthetic;

/**
 * The rows of every table for one chunk of consecutive clients, held in memory until the writer thread appends
 * them to the files in chunk order.
 */
record ChunkOutput(CsvBuffer train, CsvBuffer test, CsvBuffer bureau, CsvBuffer bureauBalance, CsvBuffer previous,
                   CsvBuffer pos, CsvBuffer installments, CsvBuffer cards) {

    /** Buffers sized for about {@code clients} clients, so that they seldom grow. */
    static ChunkOutput forClients(int clients) {
        return new ChunkOutput(new CsvBuffer(clients * 1_000), new CsvBuffer(clients * 200),
                new CsvBuffer(clients * 600), new CsvBuffer(clients * 1_200), new CsvBuffer(clients * 1_400),
                new CsvBuffer(clients * 1_100), new CsvBuffer(clients * 2_000), new CsvBuffer(clients * 2_400));
    }

    /** The buffers in schema table order. */
    CsvBuffer[] inSchemaOrder() {
        return new CsvBuffer[] {train, test, bureau, bureauBalance, previous, pos, installments, cards};
    }
}
