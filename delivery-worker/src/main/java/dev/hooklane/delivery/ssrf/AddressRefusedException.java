package dev.hooklane.delivery.ssrf;

import java.net.UnknownHostException;

/**
 * A host whose address the SSRF policy refuses. It extends {@link UnknownHostException} so that it
 * travels through HttpClient's resolver contract; nothing was connected to.
 */
public final class AddressRefusedException extends UnknownHostException {

    private static final long serialVersionUID = 1L;

    public AddressRefusedException(String message) {
        super(message);
    }
}
