package org.ebp.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GogoScriptTest {

    @Test
    void skipsBlankAndCommentLinesAndKeepsLineNumbers() throws ScriptSyntaxException {
        List<ScriptCommand> commands = GogoScript.parse(List.of("# a demo", "", "lb", "   ", "  # indented comment", "  echo hi  "));
        assertEquals(List.of(new ScriptCommand(3, "lb"), new ScriptCommand(6, "echo hi")), commands);
    }

    @Test
    void anOpenBlockContinuesOnTheNextLines() throws ScriptSyntaxException {
        List<ScriptCommand> commands = GogoScript.parse(List.of("each [1 2] {", "  echo $it", "}", "lb"));
        assertEquals(List.of(new ScriptCommand(1, "each [1 2] {\necho $it\n}"), new ScriptCommand(4, "lb")), commands);
    }

    @Test
    void aTrailingBackslashJoinsLines() throws ScriptSyntaxException {
        List<ScriptCommand> commands = GogoScript.parse(List.of("train epochs=3 \\", "   lr=0.1", "lb"));
        assertEquals(List.of(new ScriptCommand(1, "train epochs=3 lr=0.1"), new ScriptCommand(3, "lb")), commands);
    }

    @Test
    void bracketsInsideQuotesOrEscapedDoNotOpenABlock() throws ScriptSyntaxException {
        List<ScriptCommand> commands = GogoScript.parse(List.of("echo '{ ('", "echo \"[\"", "echo \\{", "lb"));
        assertEquals(4, commands.size());
        assertEquals(new ScriptCommand(4, "lb"), commands.get(3));
    }

    @Test
    void aHashInsideAQuotedBlockIsText() throws ScriptSyntaxException {
        List<ScriptCommand> commands = GogoScript.parse(List.of("echo 'first", "# not a comment'"));
        assertEquals(List.of(new ScriptCommand(1, "echo 'first\n# not a comment'")), commands);
    }

    @Test
    void anUnclosedBlockAtTheEndIsASyntaxErrorAtItsFirstLine() {
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class,
                () -> GogoScript.parse(List.of("lb", "each [1 2] {", "  echo $it")));
        assertEquals(2, e.command().line());
        assertTrue(e.getMessage().contains("unclosed '{'"), e.getMessage());
    }

    @Test
    void anUnclosedQuoteAtTheEndIsASyntaxError() {
        ScriptSyntaxException e = assertThrows(ScriptSyntaxException.class, () -> GogoScript.parse(List.of("echo 'open")));
        assertTrue(e.getMessage().contains("unclosed ' quote"), e.getMessage());
    }
}
