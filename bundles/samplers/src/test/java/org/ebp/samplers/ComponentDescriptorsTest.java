package org.ebp.samplers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.ebp.api.optim.Sampler;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The DS descriptors bnd generates publish each sampler under the kind and name it reports. */
class ComponentDescriptorsTest {

    private static final List<Sampler> SAMPLERS = List.of(new SequentialSampler(), new ShuffleSampler(),
            new ClassInterleaveSampler(), new EmphasizingSampler(), new GrowingBatchSampler());

    @Test
    void everySamplerIsADsComponentWithMatchingProperties() throws Exception {
        for (Sampler sampler : SAMPLERS) {
            String resource = "/OSGI-INF/" + sampler.getClass().getName() + ".xml";
            try (InputStream in = getClass().getResourceAsStream(resource)) {
                assertNotNull(in, "no DS descriptor " + resource + " (is bnd-process running?)");
                Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
                Map<String, String> properties = new HashMap<>();
                NodeList nodes = xml.getElementsByTagName("property");
                for (int i = 0; i < nodes.getLength(); i++) {
                    Element p = (Element) nodes.item(i);
                    properties.put(p.getAttribute("name"), p.getAttribute("value"));
                }
                assertEquals("sampler", properties.get("ebp.kind"), resource);
                assertEquals(sampler.name(), properties.get("ebp.name"), resource);
                assertTrue(xml.getElementsByTagName("provide").getLength() > 0);
                assertEquals(Sampler.class.getName(),
                        ((Element) xml.getElementsByTagName("provide").item(0)).getAttribute("interface"));
            }
            assertTrue(!sampler.description().isBlank());
            sampler.defaults();
        }
    }
}
