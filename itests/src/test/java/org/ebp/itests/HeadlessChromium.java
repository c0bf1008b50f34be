package org.ebp.itests;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, driven through the DevTools protocol (a WebSocket from the JDK's
 * HttpClient; no driver needed): open a page, evaluate JavaScript in it, take a screenshot.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

    /**
     * How long Chromium may take to open its DevTools server: about 2 s on a quiet machine, over 30 s
     * while the rest of the suite kept both cores busy (load 8; the first start also builds its font cache).
     */
    private static final int STARTUP_SECONDS = 120;

    /** Why the test cannot run here, or null when Chromium is installed. */
    static String missing() {
        return Files.isExecutable(BINARY) ? null : BINARY + " is not installed (apt-get install chromium chromium-driver; "
                + "runtime/bin/setup-env.sh does it as root), so the dashboard's browser test cannot run";
    }

    /** Starts Chromium on {@code url} with a fresh profile in {@code profile}. */
    HeadlessChromium(String url, Path profile) throws IOException, InterruptedException {
        // The flags that work on this kind of machine: no sandbox as root, no network beyond the page.
        process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1300,900", "--remote-debugging-port=0", "--user-data-dir=" + profile, url)
                .redirectErrorStream(true).start();
        try {
            socket = connect();
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Connects to the page Chromium opened. */
    private WebSocket connect() throws IOException, InterruptedException {
        String browser = awaitDevTools();
        HttpClient http = HttpClient.newHttpClient();
        URI list = URI.create("http://" + URI.create(browser).getAuthority() + "/json/list");
        String page = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (page == null && System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (var target : JsonParser.parseString(body).getAsJsonArray()) {
                JsonObject t = target.getAsJsonObject();
                if (t.get("type").getAsString().equals("page")) {
                    page = t.get("webSocketDebuggerUrl").getAsString();
                }
            }
            if (page == null) {
                Thread.sleep(100);
            }
        }
        if (page == null) {
            throw new IllegalStateException("Chromium opened no page");
        }
        return http.newWebSocketBuilder().buildAsync(URI.create(page), new Replies()).join();
    }

    /** The browser's DevTools address, read from what Chromium prints when it starts. */
    private String awaitDevTools() throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> address = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = lines.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        // keep draining Chromium's output so that it never blocks on a full pipe
                        Thread drain = new Thread(() -> {
                            try {
                                while (lines.readLine() != null) {
                                    // discarded: dbus and GPU warnings
                                }
                            } catch (IOException ignored) {
                                // Chromium ended
                            }
                        }, "chromium-output");
                        drain.setDaemon(true);
                        drain.start();
                        return m.group(1);
                    }
                }
                throw new IllegalStateException("Chromium ended without a DevTools address");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return address.get(STARTUP_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Chromium did not start its DevTools server in " + STARTUP_SECONDS + " s: " + e, e);
        }
    }

    /** A DevTools command's result. */
    JsonObject call(String method, JsonObject params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(id, reply);
        JsonObject message = new JsonObject();
        message.addProperty("id", id);
        message.addProperty("method", method);
        message.add("params", params);
        socket.sendText(message.toString(), true).join();
        JsonObject answer = reply.get(20, TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + ": " + answer.get("error"));
        }
        return answer.getAsJsonObject("result");
    }

    /** Evaluates a JavaScript expression in the page and returns its value as a number. */
    double number(String expression) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("expression", expression);
        params.addProperty("returnByValue", true);
        JsonObject result = call("Runtime.evaluate", params).getAsJsonObject("result");
        return result.has("value") && result.get("value").isJsonPrimitive() ? result.get("value").getAsDouble() : Double.NaN;
    }

    /** Polls an expression until it reaches {@code atLeast}; returns its last value. */
    double awaitAtLeast(String expression, double atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        double value = number(expression);
        while (!(value >= atLeast) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            value = number(expression);
        }
        return value;
    }

    /** A PNG of the page as the browser shows it. */
    byte[] screenshot() throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("format", "png");
        return Base64.getDecoder().decode(call("Page.captureScreenshot", params).get("data").getAsString());
    }

    @Override
    public void close() throws InterruptedException {
        if (socket != null) {
            socket.abort();
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Collects DevTools messages (which may arrive in parts) and completes the matching calls. */
    private final class Replies implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonObject message = JsonParser.parseString(partial.toString()).getAsJsonObject();
                partial.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonObject> reply = pending.remove(message.get("id").getAsInt());
                    if (reply != null) {
                        reply.complete(message);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
