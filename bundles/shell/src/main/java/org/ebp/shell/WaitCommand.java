package org.ebp.shell;

import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code wait [SECONDS]}. A {@link Function} rather than a method, so that Gogo never picks
 * {@code Object.wait(long)} for {@code wait 5} and {@code help wait} shows ours.
 */
@Component(service = Function.class, property = {
        "osgi.command.scope=ebp",
        "osgi.command.function=wait"})
public class WaitCommand implements Function {

    @Reference
    private RunCommands runs;

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        if (arguments.size() > 1) {
            throw new IllegalArgumentException("wait takes at most a number of seconds; usage: wait [SECONDS]");
        }
        Long seconds = null;
        if (arguments.size() == 1) {
            String text = String.valueOf(arguments.get(0)).trim();
            try {
                seconds = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("wait takes a whole number of seconds, not '" + text + "'; e.g. wait 5");
            }
            if (seconds < 0) {
                throw new IllegalArgumentException("wait takes a number of seconds >= 0, not " + seconds);
            }
        }
        runs.awaitRun(seconds);
        return null;
    }
}
