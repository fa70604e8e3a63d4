package dev.hooklane.contracts.event;

/** An event that breaks the format or the platform's rules; the message says which rule. */
public class InvalidEventException extends Exception {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
