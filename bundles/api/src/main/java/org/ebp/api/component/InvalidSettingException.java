package org.ebp.api.component;

/**
 * A user-supplied setting is unknown, malformed or out of range. The message names the setting,
 * the problem and the fix; nothing has been changed when it is thrown.
 */
public class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSettingException(String message) {
        super(message);
    }
}
