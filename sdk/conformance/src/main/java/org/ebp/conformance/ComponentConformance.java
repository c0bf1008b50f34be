package org.ebp.conformance;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.ebp.api.component.Component;
import org.ebp.api.component.ComponentKind;
import org.ebp.api.component.ParameterSpec;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What the workbench relies on from every component, as tests a plugin author extends:
 * <pre>
 *   class NadamConformanceTest extends OptimizerConformance {
 *       protected Optimizer component() { return new NadamOptimizer(); }
 *   }
 * </pre>
 * It checks the name (kebab-case, and equal to the {@code ebp.name} the bundle registers), the
 * kind (the {@code ebp.kind} the bundle registers, under the kind's service interface), a line
 * of help for the component and every setting, and every default inside its declared range: what
 * the workbench checks when the bundle arrives, found here at build time instead.
 *
 * <p>The service properties are read from the Declarative Services descriptor that
 * bnd-maven-plugin writes into {@code OSGI-INF/} of the build's classes, so the test runs where
 * {@code mvn test} runs, with no framework.
 *
 * @param <C> the component family
 */
public abstract class ComponentConformance<C extends Component> {

    /** The component under test; a new instance on every call is best (state hidden in fields is then found). */
    protected abstract C component();

    /** The family this kit checks. */
    protected abstract ComponentKind kind();

    @Test
    public void nameIsKebabCase() {
        String name = component().name();
        assertNotNull(name, "name() returned null");
        assertTrue(name.matches("[a-z0-9]+(-[a-z0-9]+)*"), "name() '" + name + "' is not kebab-case (e.g. nadam, cosine-warmup)");
    }

    @Test
    public void theComponentAndEverySettingHaveHelp() {
        C c = component();
        assertFalse(c.description() == null || c.description().isBlank(), c.name() + ": description() is empty");
        for (ParameterSpec p : c.parameters()) {
            assertFalse(p.help().isBlank(), c.name() + ": setting " + p.name() + " has no help (the shell shows it in help and on TAB)");
        }
    }

    @Test
    public void everyDefaultLiesInItsDeclaredRange() {
        C c = component();
        for (ParameterSpec p : c.parameters()) {
            assertNull(p.defaultProblem(), c.name() + ": setting " + p.name() + ": " + p.defaultProblem()
                    + " (the workbench refuses the component when it arrives)");
        }
        assertDoesNotThrow(c::defaults, c.name() + ": the defaults do not make valid settings");
    }

    @Test
    public void theBundleRegistersItUnderItsKindAndName() throws Exception {
        C c = component();
        String resource = "OSGI-INF/" + c.getClass().getName() + ".xml";
        ClassLoader loader = c.getClass().getClassLoader();
        try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource)) {
            if (in == null) {
                fail("no Declarative Services descriptor " + resource + " on the class path: annotate the class with "
                        + "@Component(service = " + kind().serviceInterface().substring(kind().serviceInterface().lastIndexOf('.') + 1)
                        + ".class, property = {\"ebp.kind=" + kind().id() + "\", \"ebp.name=" + c.name() + "\"}) and let "
                        + "bnd-maven-plugin's bnd-process goal run before the tests (the template's pom does)");
            }
            Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            Map<String, String> properties = new HashMap<>();
            NodeList nodes = xml.getElementsByTagName("property");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element p = (Element) nodes.item(i);
                properties.put(p.getAttribute("name"), p.getAttribute("value"));
            }
            assertEquals(kind().id(), properties.get(ComponentKind.PROPERTY_KIND),
                    resource + ": the ebp.kind service property (without it the workbench refuses the component)");
            assertEquals(c.name(), properties.get(ComponentKind.PROPERTY_NAME),
                    resource + ": the ebp.name service property must equal name()");
            NodeList provides = xml.getElementsByTagName("provide");
            boolean provided = false;
            for (int i = 0; i < provides.getLength(); i++) {
                provided |= kind().serviceInterface().equals(((Element) provides.item(i)).getAttribute("interface"));
            }
            assertTrue(provided, resource + ": the service must be registered as " + kind().serviceInterface());
        }
    }
}
