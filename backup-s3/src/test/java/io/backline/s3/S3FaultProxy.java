package io.backline.s3;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An HTTP/1.1 proxy on a loopback port between an S3 client and the test server, which injects faults into chosen
 * requests: it drops the connection half-way through the request body, answers 500, 503 or 501 itself, or stalls
 * without reading. It can also give the server the conditional writes it lacks ({@code If-None-Match: *} on
 * PutObject answered with 412 when the object exists, one conditional write at a time).
 *
 * <p>Test code only: it understands what the AWS SDK sends (Content-Length bodies, {@code Expect: 100-continue}),
 * opens one upstream connection per request, and needs the server to accept unsigned HEAD requests.
 */
final class S3FaultProxy implements AutoCloseable {
    /** What to do to a matching request. */
    enum Fault { DROP_MID_BODY, ANSWER_500, ANSWER_503, ANSWER_501, STALL }

    /** The head of one request. */
    record Request(String method, String target, List<String[]> headers) {
        String header(String name) {
            for (String[] header : headers) {
                if (header[0].equalsIgnoreCase(name)) {
                    return header[1];
                }
            }
            return null;
        }

        boolean isUploadPart() {
            return method.equals("PUT") && target.contains("partNumber=") && target.contains("uploadId=");
        }

        boolean isPutObject() {
            return method.equals("PUT") && !target.contains("uploadId=");
        }
    }

    private record Rule(Predicate<Request> which, Fault fault, AtomicInteger remaining) {
    }

    private final int upstreamPort;
    private final ServerSocket server;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger injected = new AtomicInteger();
    private final Object conditionalWrites = new Object();
    private volatile boolean emulateConditionalWrites;
    private volatile long stallMillis = 30_000;
    private volatile boolean closed;

    S3FaultProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptLoop, "s3-fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Applies {@code fault} to the next {@code times} requests matching {@code which}. */
    S3FaultProxy inject(Predicate<Request> which, Fault fault, int times) {
        rules.add(new Rule(which, fault, new AtomicInteger(times)));
        return this;
    }

    /** Applies {@code fault} to every request matching {@code which}, from now on. */
    S3FaultProxy injectAlways(Predicate<Request> which, Fault fault) {
        return inject(which, fault, Integer.MAX_VALUE);
    }

    void clearFaults() {
        rules.clear();
    }

    S3FaultProxy emulateConditionalWrites(boolean value) {
        this.emulateConditionalWrites = value;
        return this;
    }

    void stallFor(long millis) {
        this.stallMillis = millis;
    }

    /** How many faults were injected so far. */
    int injected() {
        return injected.get();
    }

    /** "METHOD target" of every request seen, in order. */
    List<String> requests() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread handler = new Thread(() -> serve(client), "s3-fault-proxy-" + client.getPort());
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            while (!closed) {
                Request request = readRequest(in);
                if (request == null) {
                    return;
                }
                log.add(request.method() + " " + request.target());
                if (!handle(request, in, out, client)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away or we dropped it on purpose
        } finally {
            sockets.remove(client);
        }
    }

    /** Serves one request; returns whether the client connection stays usable. */
    private boolean handle(Request request, InputStream in, OutputStream out, Socket client) throws IOException {
        long length = contentLength(request);
        if ("100-continue".equalsIgnoreCase(request.header("Expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(ISO_8859_1));
            out.flush();
        }
        Fault fault = faultFor(request);
        if (fault != null) {
            injected.incrementAndGet();
            switch (fault) {
                case ANSWER_500 -> {
                    discard(in, length);
                    return answer(out, 500, "InternalError", "injected fault");
                }
                case ANSWER_503 -> {
                    discard(in, length);
                    return answer(out, 503, "SlowDown", "injected fault");
                }
                case ANSWER_501 -> {
                    discard(in, length);
                    return answer(out, 501, "NotImplemented", "injected fault");
                }
                case STALL -> {
                    stall();
                    return false;
                }
                case DROP_MID_BODY -> {
                    try (Socket upstream = connectUpstream()) {
                        OutputStream up = upstream.getOutputStream();
                        writeHead(up, request);
                        copy(in, up, length / 2);
                        up.flush();
                        upstream.setSoLinger(true, 0);
                    }
                    client.setSoLinger(true, 0);
                    return false;
                }
                default -> throw new IllegalStateException(fault.name());
            }
        }
        if (emulateConditionalWrites && request.isPutObject() && "*".equals(request.header("If-None-Match"))) {
            synchronized (conditionalWrites) {
                if (exists(request.target())) {
                    discard(in, length);
                    return answer(out, 412, "PreconditionFailed",
                            "At least one of the pre-conditions you specified did not hold");
                }
                return forward(request, in, out, length);
            }
        }
        return forward(request, in, out, length);
    }

    private Fault faultFor(Request request) {
        for (Rule rule : rules) {
            if (rule.which().test(request)) {
                int left = rule.remaining().getAndUpdate(n -> n > 0 && n != Integer.MAX_VALUE ? n - 1 : n);
                if (left > 0) {
                    return rule.fault();
                }
            }
        }
        return null;
    }

    private void stall() {
        long end = System.currentTimeMillis() + stallMillis;
        while (!closed && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean exists(String target) throws IOException {
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        try (Socket upstream = connectUpstream()) {
            OutputStream up = upstream.getOutputStream();
            up.write(("HEAD " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + upstreamPort
                    + "\r\nConnection: close\r\n\r\n").getBytes(ISO_8859_1));
            up.flush();
            String status = readLine(new BufferedInputStream(upstream.getInputStream()));
            return status != null && status.split(" ")[1].equals("200");
        }
    }

    private boolean forward(Request request, InputStream in, OutputStream out, long length) throws IOException {
        try (Socket upstream = connectUpstream()) {
            OutputStream up = upstream.getOutputStream();
            writeHead(up, request);
            copy(in, up, length);
            up.flush();
            InputStream down = new BufferedInputStream(upstream.getInputStream());
            String status = readLine(down);
            if (status == null) {
                throw new EOFException("upstream closed without answering");
            }
            List<String[]> headers = readHeaders(down);
            StringBuilder head = new StringBuilder(status).append("\r\n");
            long responseLength = -1;
            boolean chunked = false;
            for (String[] header : headers) {
                if (header[0].equalsIgnoreCase("Connection")) {
                    continue;
                }
                if (header[0].equalsIgnoreCase("Content-Length")) {
                    responseLength = Long.parseLong(header[1].trim());
                }
                if (header[0].equalsIgnoreCase("Transfer-Encoding") && header[1].toLowerCase(Locale.ROOT)
                        .contains("chunked")) {
                    chunked = true;
                }
                head.append(header[0]).append(": ").append(header[1]).append("\r\n");
            }
            int code = Integer.parseInt(status.split(" ")[1]);
            boolean noBody = request.method().equals("HEAD") || code == 204 || code == 304 || code < 200;
            if (!noBody && responseLength < 0 && !chunked) {
                head.append("Connection: close\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(ISO_8859_1));
            if (noBody) {
                out.flush();
                return true;
            }
            if (responseLength >= 0) {
                copy(down, out, responseLength);
                out.flush();
                return true;
            }
            down.transferTo(out); // chunked (ends when the upstream closes) or delimited by close
            out.flush();
            return chunked;
        }
    }

    private Socket connectUpstream() throws IOException {
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        sockets.add(upstream);
        return upstream;
    }

    private void writeHead(OutputStream up, Request request) throws IOException {
        StringBuilder head = new StringBuilder(request.method()).append(' ').append(request.target())
                .append(" HTTP/1.1\r\n");
        for (String[] header : request.headers()) {
            if (header[0].equalsIgnoreCase("Connection") || header[0].equalsIgnoreCase("Expect")) {
                continue;
            }
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        up.write(head.toString().getBytes(ISO_8859_1));
    }

    private static boolean answer(OutputStream out, int status, String code, String message) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + message + "</Message><RequestId>fault-proxy</RequestId></Error>").getBytes(ISO_8859_1);
        String head = "HTTP/1.1 " + status + " " + code + "\r\nContent-Type: application/xml\r\nContent-Length: "
                + body.length + "\r\n\r\n";
        out.write(head.getBytes(ISO_8859_1));
        out.write(body);
        out.flush();
        return true;
    }

    private static long contentLength(Request request) throws IOException {
        if (request.header("Transfer-Encoding") != null) {
            throw new IOException("the fault proxy does not relay chunked request bodies");
        }
        String value = request.header("Content-Length");
        return value == null ? 0 : Long.parseLong(value.trim());
    }

    private static Request readRequest(InputStream in) throws IOException {
        String line = readLine(in);
        while (line != null && line.isEmpty()) {
            line = readLine(in);
        }
        if (line == null) {
            return null;
        }
        String[] parts = line.split(" ");
        return new Request(parts[0], parts[1], readHeaders(in));
    }

    private static List<String[]> readHeaders(InputStream in) throws IOException {
        List<String[]> headers = new ArrayList<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).trim()});
        }
        return headers;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(ISO_8859_1);
            }
            if (b == '\n') {
                String text = line.toString(ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("stream ended " + left + " bytes early");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void discard(InputStream in, long length) throws IOException {
        copy(in, OutputStream.nullOutputStream(), length);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
