package dev.kcb.report.model;

/** Unusable input: a missing file, not JMH JSON, no results. The CLI prints the message (no stack trace) and exits 2. */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
