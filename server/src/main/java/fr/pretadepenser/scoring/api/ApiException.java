package fr.pretadepenser.scoring.api;

import java.util.List;

/** A request the API refuses, with the HTTP status and the error body to answer. */
public final class ApiException extends RuntimeException {

    private final int status;
    private final ApiError body;

    /** An error with details. */
    public ApiException(int status, String error, String message, List<ApiError.Detail> details) {
        super(message);
        this.status = status;
        this.body = new ApiError(error, message, details);
    }

    /** An error without field details. */
    public ApiException(int status, String error, String message) {
        this(status, error, message, List.of());
    }

    /** 400 for request fields at fault. */
    public static ApiException badRequest(List<ApiError.Detail> details) {
        String message = details.size() == 1 ? details.get(0).field() + ": " + details.get(0).problem()
                : details.size() + " problems in the request; see details";
        return new ApiException(400, "invalid_request", message, details);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The error body. */
    public ApiError body() {
        return body;
    }
}
