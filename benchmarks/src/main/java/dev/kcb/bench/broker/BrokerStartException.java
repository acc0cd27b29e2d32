package dev.kcb.bench.broker;

/** The broker could not be started or reached. The message is the one line the user sees. */
public class BrokerStartException extends RuntimeException {
    public BrokerStartException(String message) {
        super(message);
    }

    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
