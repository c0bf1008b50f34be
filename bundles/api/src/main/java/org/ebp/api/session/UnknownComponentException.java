package org.ebp.api.session;

/** No component of that kind and name is registered; the message lists the ones that are. */
public class UnknownComponentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnknownComponentException(String message) {
        super(message);
    }
}
