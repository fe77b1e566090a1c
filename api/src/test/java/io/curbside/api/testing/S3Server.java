package io.curbside.api.testing;

import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A real S3 API for tests: S3Proxy with its in-memory backend, in a JVM of its own (its dependencies
 * must not meet the application's), on a free loopback port, signed requests only.
 */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "curbside-test";
    public static final String SECRET_KEY = "curbside-test-secret";
    public static final String REGION = "us-east-1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Thread shutdownHook;
    private final Path workDirectory;
    private final URI endpoint;

    private S3Server(Process process, Thread shutdownHook, Path workDirectory, URI endpoint) {
        this.process = process;
        this.shutdownHook = shutdownHook;
        this.workDirectory = workDirectory;
        this.endpoint = endpoint;
    }

    /** Starts a server and waits until it answers. */
    public static S3Server start() {
        Path lib = libraryDirectory();
        try {
            Path work = Files.createTempDirectory("curbside-s3proxy-");
            int port = freeLoopbackPort();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            Path properties = work.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=transient",
                    ""), StandardCharsets.UTF_8);
            // Logback's default is DEBUG on every request; the log is only read when start-up fails.
            Path logback = work.resolve("logback.xml");
            Files.writeString(logback, """
                    <configuration>
                      <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="INFO"><appender-ref ref="out"/></root>
                    </configuration>
                    """, StandardCharsets.UTF_8);
            Path log = work.resolve("s3proxy.log");
            Process process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dlogback.configurationFile=" + logback,
                    "-cp", lib + File.separator + "*",
                    "org.gaul.s3proxy.Main", "--properties", properties.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Thread hook = new Thread(process::destroyForcibly, "s3proxy-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            S3Server server = new S3Server(process, hook, work, endpoint);
            try {
                server.awaitAnswer(log);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start S3Proxy", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client signed with the server's credentials; the caller closes it. */
    public S3Client client() {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public void createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: nothing left to undo.
        }
        deleteTree(workDirectory);
    }

    /** Surefire runs in the module directory (and sets basedir); the jars are next door, in testing/. */
    private static Path libraryDirectory() {
        Path api = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path lib = api.resolveSibling("testing").resolve("s3proxy").resolve("target").resolve("lib").toAbsolutePath().normalize();
        boolean hasJars;
        try (Stream<Path> jars = Files.isDirectory(lib) ? Files.list(lib) : Stream.empty()) {
            hasJars = jars.anyMatch(p -> p.getFileName().toString().startsWith("s3proxy-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!hasJars) {
            throw new IllegalStateException("S3Proxy is not built: " + lib + " has no s3proxy jar. "
                    + "Build with the module it comes from, e.g. mvn -pl api -am test (or mvn -pl testing/s3proxy generate-resources).");
        }
        return lib;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits until S3Proxy answers, and fails at once if it stops. */
    private void awaitAnswer(Path log) {
        try {
            await().atMost(START_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("S3Proxy stopped at start-up (exit " + process.exitValue() + "):\n"
                            + tail(log));
                }
                return answers();
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("S3Proxy did not answer at " + endpoint + " within " + START_TIMEOUT + ":\n"
                    + tail(log), e);
        }
    }

    /** Any HTTP answer (403 to an unsigned request) means S3Proxy is serving. */
    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            int status = connection.getResponseCode();
            connection.disconnect();
            return status > 0;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // A temporary directory left behind is not worth failing a test run for.
        }
    }
}
