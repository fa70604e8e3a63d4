package dev.hooklane.service.config;

/** Configuration that a service refuses to start with; the message names every bad key, on one line. */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
