package org.ebp.api.session;

/**
 * One entry of a session's run history: a run started or finished, a component swapped, a swap
 * refused, a pause or a resume, each with the position in training where it happened.
 *
 * @param step   optimizer steps taken when it happened
 * @param epoch  epochs finished when it happened
 * @param kind   what happened: train, finish, swap, refused, pause, resume, stop, update
 * @param text   one line saying what happened and why
 * @param millis wall-clock time ({@link System#currentTimeMillis()})
 * @since 1.1
 */
public record SessionEvent(long step, int epoch, String kind, String text, long millis) {
}
