package org.ebp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.ebp.api.session.Workbench;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The dashboard in a real browser during a real training run: headless Chromium opens the page,
 * the loss curve grows epoch by epoch, a swap of the optimizer appears on it, and afterwards
 * nothing listens any more. Skipped, saying why, where Chromium is not installed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DashboardBrowserIT {

    private static final String TRAIN_POINTS =
            "(() => { const p = document.querySelector('#curves polyline[data-series=\"train loss\"]');"
                    + " return p ? p.points.numberOfItems : 0; })()";
    private static final String SWAPS = "document.querySelectorAll('#curves g.swap').length";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() {
        return WorkbenchOptions.workbench();
    }

    @Test
    public void theCurveGrowsAndASwapAppearsWhileTrainingRuns() throws Exception {
        String missing = HeadlessChromium.missing();
        if (missing != null) {
            System.out.println("DashboardBrowserIT skipped: " + missing);
        }
        assumeTrue(missing, missing == null);
        Workbench workbench = Services.await(context, Workbench.class);
        Path work = Path.of(System.getProperty("ebp.itests.work", "target/it-work"));
        int port = freePort();
        try (GogoScriptSession gogo = new GogoScriptSession(Services.await(context, CommandProcessor.class))) {
            // a port in use: one clear line, and nothing started
            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                try {
                    gogo.execute("dashboard start port=" + taken.getLocalPort());
                    fail("a taken port was accepted");
                } catch (Exception e) {
                    assertTrue(String.valueOf(e.getMessage()), String.valueOf(e.getMessage()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use"));
                }
            }
            gogo.run("dashboard start port=" + port + "\n"
                    + "data load digits\n"
                    + "data split train=0.8 test=0.2\n"
                    + "transform standardize\n"
                    + "net in-30-out seed=1\n"
                    + "use optimizer sgd lr=0.005\n");
            assertTrue(gogo.output(), gogo.output().contains("dashboard at http://127.0.0.1:" + port + "/ (bound to 127.0.0.1 only"));
            assertRefusedOffLoopback(port);

            // long enough to outlast the test; stopped below
            gogo.execute("train 100000 background=true");
            try (HeadlessChromium chromium = new HeadlessChromium("http://127.0.0.1:" + port + "/", work.resolve("chromium-profile"))) {
                double first = chromium.awaitAtLeast(TRAIN_POINTS, 2, Duration.ofSeconds(30));
                assertTrue("the page shows no curve: " + first + " points", first >= 2);
                double later = chromium.awaitAtLeast(TRAIN_POINTS, first + 2, Duration.ofSeconds(30));
                assertTrue("the curve did not grow: " + first + " then " + later + " points", later >= first + 2);

                assertEquals("no swap yet", 0, chromium.number(SWAPS), 0);
                gogo.execute("use optimizer momentum lr=0.002 mu=0.5");
                double swaps = chromium.awaitAtLeast(SWAPS, 1, Duration.ofSeconds(30));
                assertEquals("the swap is marked on the curves (loss and accuracy panels)", 2, swaps, 0);
                // a few more epochs after the swap, for the screenshot
                chromium.awaitAtLeast(TRAIN_POINTS, chromium.number(TRAIN_POINTS) + 3, Duration.ofSeconds(20));
                Files.write(work.resolve("dashboard.png"), chromium.screenshot());
            } finally {
                workbench.session().stop();
                gogo.execute("wait");
            }
            gogo.execute("dashboard stop");
            assertTrue(gogo.output(), gogo.output().contains("dashboard stopped"));
            assertRefused(InetAddress.getByName("127.0.0.1"), port);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** The server must not answer on the machine's other addresses. */
    private static void assertRefusedOffLoopback(int port) throws IOException {
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(n.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    assertRefused(a, port);
                }
            }
        }
    }

    private static void assertRefused(InetAddress address, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2000);
            fail("something answers on " + address.getHostAddress() + ":" + port);
        } catch (ConnectException expected) {
            // refused: nothing listens there
        }
    }
}
