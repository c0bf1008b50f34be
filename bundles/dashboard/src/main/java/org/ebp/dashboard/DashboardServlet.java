package org.ebp.dashboard;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.ebp.api.session.Workbench;

/**
 * The dashboard's only servlet: the page (a resource of this bundle: no asset comes from
 * elsewhere), its state as JSON and its figures as SVG, read from the current session.
 */
final class DashboardServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Workbench workbench;

    DashboardServlet(Workbench workbench) {
        this.workbench = workbench;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        response.setHeader("Cache-Control", "no-store");
        switch (path) {
            case "/", "/index.html" -> send(response, "text/html", page());
            case "/state.json" -> send(response, "application/json", DashboardPage.state(workbench.session()));
            case "/curves.svg" -> send(response, "image/svg+xml", DashboardPage.curves(workbench.session()));
            case "/spectrum.svg" -> {
                String svg = DashboardPage.spectrum(workbench.session());
                if (svg == null) {
                    response.sendError(HttpServletResponse.SC_NOT_FOUND, "no Hessian spectrum computed; run hessian spectrum");
                } else {
                    send(response, "image/svg+xml", svg);
                }
            }
            default -> response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private static String page() throws IOException {
        try (InputStream in = DashboardServlet.class.getResourceAsStream("dashboard.html")) {
            if (in == null) {
                throw new IOException("dashboard.html is missing from the dashboard bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpServletResponse response, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentType(type + ";charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
