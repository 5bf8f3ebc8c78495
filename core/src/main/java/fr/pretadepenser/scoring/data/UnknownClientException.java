package fr.pretadepenser.scoring.data;

/** A caller asked for a client (SK_ID_CURR) that the stored data does not hold. */
public final class UnknownClientException extends RuntimeException {

    private final long clientId;

    /** The client asked for. */
    public UnknownClientException(long clientId) {
        super("no client with SK_ID_CURR " + clientId);
        this.clientId = clientId;
    }

    /** The SK_ID_CURR asked for. */
    public long clientId() {
        return clientId;
    }
}
