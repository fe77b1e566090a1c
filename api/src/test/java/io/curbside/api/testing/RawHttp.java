package io.curbside.api.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends bytes exactly as written over a plain socket, for what an HTTP client would never send
 * (two framings, a lower-case method, no Host), and reads one answer as it comes back.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** One answer: its status, headers (names in lower case), body, and whether the server then hung up. */
    public record Answer(int status, String statusLine, Map<String, String> headers, String body, boolean closed) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return statusLine + " " + headers + " " + body.substring(0, Math.min(body.length(), 400)) + (closed ? " [closed]" : "");
        }
    }

    /** Sends the request (head with CRLFs, then body) and reads the answer; then waits briefly to see if the connection stays open. */
    public static Answer exchange(int port, String head, byte[] body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            if (statusLine == null) {
                return new Answer(0, "", Map.of(), "", true);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
            String text = new String(body(in, headers), StandardCharsets.UTF_8);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            return new Answer(status, statusLine, headers, text, closed(socket, in));
        }
    }

    public static Answer exchange(int port, String head) throws IOException {
        return exchange(port, head, new byte[0]);
    }

    private static byte[] body(InputStream in, Map<String, String> headers) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            body.write(in.readNBytes(length));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
            line(in);
        }
        return body.toByteArray();
    }

    /** A server that keeps the connection waits for the next request; one that closed it answers end of stream. */
    private static boolean closed(Socket socket, InputStream in) throws IOException {
        socket.setSoTimeout(1_500);
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
