package org.ebp.optim.first;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.ebp.api.component.Component;
import org.ebp.api.optim.Optimizer;
import org.ebp.api.optim.Schedule;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The DS descriptors bnd generates publish each component under the kind and name it reports. */
class ComponentDescriptorsTest {

    private static final List<Component> OPTIMIZERS = List.of(new SgdOptimizer(), new MomentumOptimizer(),
            new NesterovOptimizer(), new PerWeightRateOptimizer(), new AdaptiveRateOptimizer(), new AdaGradOptimizer(),
            new RmsPropOptimizer(), new AdamOptimizer());
    private static final List<Component> SCHEDULES = List.of(new ConstantSchedule(), new StepDecaySchedule(),
            new AnnealingSchedule(), new SearchThenConvergeSchedule(), new ExponentialSchedule(), new CosineSchedule());

    @Test
    void optimizersAreDsComponentsWithMatchingProperties() throws Exception {
        check(OPTIMIZERS, "optimizer", Optimizer.class);
    }

    @Test
    void schedulesAreDsComponentsWithMatchingProperties() throws Exception {
        check(SCHEDULES, "schedule", Schedule.class);
    }

    private void check(List<Component> components, String kind, Class<?> service) throws Exception {
        Set<String> names = new HashSet<>();
        for (Component component : components) {
            String resource = "/OSGI-INF/" + component.getClass().getName() + ".xml";
            try (InputStream in = getClass().getResourceAsStream(resource)) {
                assertNotNull(in, "no DS descriptor " + resource + " (is bnd-process running?)");
                Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
                Map<String, String> properties = new HashMap<>();
                NodeList nodes = xml.getElementsByTagName("property");
                for (int i = 0; i < nodes.getLength(); i++) {
                    Element p = (Element) nodes.item(i);
                    properties.put(p.getAttribute("name"), p.getAttribute("value"));
                }
                assertEquals(kind, properties.get("ebp.kind"), resource);
                assertEquals(component.name(), properties.get("ebp.name"), resource);
                assertEquals(service.getName(), ((Element) xml.getElementsByTagName("provide").item(0)).getAttribute("interface"));
            }
            assertTrue(names.add(component.name()), "duplicate name " + component.name());
            assertTrue(component.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), "kebab-case: " + component.name());
            assertTrue(!component.description().isBlank());
            component.defaults();
        }
    }
}
