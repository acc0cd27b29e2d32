package dev.kcb.bench.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kcb.bench.broker.BrokerStartException;
import dev.kcb.bench.calibrate.CalibrateCommand;
import dev.kcb.bench.common.Topics;
import dev.kcb.bench.suite.BrokerOptions;
import dev.kcb.bench.suite.BrokerWarmup;
import dev.kcb.bench.suite.ChildProcess;
import dev.kcb.bench.suite.ExitCodes;
import dev.kcb.bench.suite.ResultFiles;
import dev.kcb.bench.suite.RunSession;
import dev.kcb.bench.suite.SuiteRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code ./run.sh clients}: the Java client beside the Python clients users know, on one broker and one record count.
 * Each client runs as its own process (see {@link JavaDriver} for the shared contract): produce N records of
 * {@code --message-size} bytes with its default config and wait for delivery, then consume them all from the
 * beginning. A client that is not installed gets a row saying how to install it; it does not fail the run.
 * Writes {@code clients.json}, with the published figures from {@code clients/clients.properties} beside the measured.
 * Exit codes as the suite's: 1 when an installed client's driver failed (its row says why).
 */
@Command(name = "clients", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Producer and consumer MB/s of the Java client, confluent-kafka and kafka-python on one broker.")
public final class ClientsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ParentCommand
    SuiteRunner parent;

    @Mixin
    BrokerOptions brokerOptions;

    @Option(names = "--records", defaultValue = "1000000", description = "records each client produces and consumes. Default: ${DEFAULT-VALUE}")
    long records;

    @Option(names = "--message-size", defaultValue = "100", description = "bytes per record (the published comparison used 100). Default: ${DEFAULT-VALUE}")
    int messageSize;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "the Python with Debian's client packages. Default: ${DEFAULT-VALUE}")
    String python;

    @Option(names = "--broker-warmup", defaultValue = "15", description = "seconds of load on a fresh broker before the first client. Default: ${DEFAULT-VALUE}")
    int brokerWarmup;

    @Option(names = "--no-report", description = "skip the report (run.sh reads this)")
    boolean noReport;

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        BrokerOptions.Resolved resolved;
        Properties defs;
        try {
            parent.requireOptionsAfter("clients");
            if (records < 1 || messageSize < 1 || brokerWarmup < 0) {
                throw new IllegalArgumentException("--records and --message-size must be >= 1, --broker-warmup >= 0");
            }
            resolved = brokerOptions.resolve(RunSession.home());
            defs = definitions();
        } catch (IllegalArgumentException e) {
            System.err.println("run.sh: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (RunSession session = RunSession.create(resolved, "clients", parent.originalArgs(), out)) {
            out.printf("clients: %,d records of %d B per client; results: %s%n", records, messageSize, session.runDir());
            int started = session.startBrokerAndWarm(brokerWarmup);
            if (started != ExitCodes.OK) {
                return started;
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            String error = null;
            for (String client : defs.getProperty("clients").split(",")) {
                Map<String, Object> row = measure(session, client.trim(), defs);
                rows.add(row);
                if ("failed".equals(row.get("status")) && error == null) {
                    error = client + ": " + row.get("error");
                }
            }
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("records", records);
            root.put("messageSize", messageSize);
            root.put("units", "MB/s = 10^6 bytes of record value per second; produce: first send to last delivery; consume: first poll to last record");
            root.put("note", "Measured on one machine that also runs the broker; compare within this run only.");
            root.put("clients", rows);
            root.put("published", published(defs));
            ResultFiles.writeAtomically(session.runDir().resolve("clients.json"), JSON.writeValueAsString(root));
            print(rows);
            session.record().put("clients", "clients.json");
            session.finish(error == null, error);
            out.printf("%nresults: %s%n", session.runDir().resolve("clients.json"));
            if (error != null) {
                System.err.println("run.sh: " + error);
                return ExitCodes.BENCHMARK_FAILED;
            }
            return ExitCodes.OK;
        } catch (IOException e) {
            System.err.println("run.sh: " + e.getMessage());
            return ExitCodes.BENCHMARK_FAILED;
        }
    }

    private Map<String, Object> measure(RunSession session, String client, Properties defs) throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("client", client);
        String skip = defs.getProperty(client + ".skip");
        if (skip != null) {
            row.put("status", "not measured");
            row.put("reason", skip);
            return row;
        }
        List<String> cmd = new ArrayList<>();
        if (client.equals("java")) {
            cmd.add(ChildProcess.javaBin());
            cmd.addAll(ChildProcess.jvmArgsOf(CalibrateCommand.SEND_ASYNC));
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), JavaDriver.class.getName()));
        } else {
            String module = defs.getProperty(client + ".module");
            String install = defs.getProperty(client + ".install");
            if (!Files.isExecutable(Path.of(python))) {
                return notInstalled(row, python + " not found", "apt-get install python3 " + install.replace("apt-get install ", ""));
            }
            ChildProcess.Outcome probe = ChildProcess.run(List.of(python, "-c", "import " + module),
                    session.runDir().resolve("clients").resolve(client + "-import.log"), Duration.ofSeconds(30));
            if (!probe.ok()) {
                return notInstalled(row, "python module " + module + " not importable by " + python, install);
            }
            cmd.addAll(List.of(python, RunSession.home().resolve(defs.getProperty(client + ".script")).toString()));
        }
        out.printf("  %s%n", client);
        ChildProcess.Outcome o;
        try (Topics topic = Topics.create(session.target(), "clients-" + client)) {
            cmd.addAll(List.of("--bootstrap-servers", session.bootstrapServers(), "--topic", topic.name(), "--records", String.valueOf(records),
                    "--message-size", String.valueOf(messageSize), "--partitions", String.valueOf(session.options().partitions())));
            o = ChildProcess.run(cmd, session.runDir().resolve("clients").resolve(client + ".log"), Duration.ofSeconds(180 + records / 2_000));
        }
        row.put("log", session.runDir().relativize(o.log()).toString());
        try {
            JsonNode r = DriverOutput.parse(o);
            JsonNode pass = r.path("passes").get(0);
            row.put("status", "measured");
            row.put("version", r.path("version").asText());
            double ps = pass.path("produceSeconds").asDouble();
            double cs = pass.path("consumeSeconds").asDouble();
            row.put("produceSeconds", ps);
            row.put("consumeSeconds", cs);
            row.put("producerRecordsPerSec", pass.path("producedRecords").asLong() / ps);
            row.put("producerMBPerSec", pass.path("producedRecords").asLong() * (double) messageSize / ps / 1e6);
            row.put("consumerRecordsPerSec", pass.path("consumedRecords").asLong() / cs);
            row.put("consumerMBPerSec", pass.path("consumedBytes").asLong() / cs / 1e6);
        } catch (IllegalArgumentException e) {
            row.put("status", "failed");
            row.put("error", e.getMessage() + " (log: " + o.log() + ")");
        }
        return row;
    }

    private static Map<String, Object> notInstalled(Map<String, Object> row, String why, String install) {
        row.put("status", "not installed");
        row.put("reason", why);
        row.put("install", install);
        return row;
    }

    private void print(List<Map<String, Object>> rows) {
        out.printf("%n%-16s %-36s %14s %14s%n", "client", "version", "producer MB/s", "consumer MB/s");
        for (Map<String, Object> r : rows) {
            if ("measured".equals(r.get("status"))) {
                out.printf("%-16s %-36s %14.2f %14.2f%n", r.get("client"), r.get("version"), r.get("producerMBPerSec"), r.get("consumerMBPerSec"));
            } else {
                out.printf("%-16s %s: %s%s%n", r.get("client"), r.get("status"), r.getOrDefault("reason", r.get("error")),
                        r.containsKey("install") ? " (" + r.get("install") + ")" : "");
            }
        }
        out.println("(MB = 10^6 bytes; measured on a machine that also runs the broker)");
    }

    private static List<Map<String, Object>> published(Properties defs) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String client : defs.getProperty("published.clients").split(",")) {
            String[] v = defs.getProperty("published." + client.trim()).split(";");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("client", client.trim());
            m.put("producerMBPerSec", v[0]);
            m.put("consumerMBPerSec", v[1]);
            m.put("source", defs.getProperty("published.source"));
            out.add(m);
        }
        return out;
    }

    static Properties definitions() {
        Properties p = new Properties();
        try (Reader in = new InputStreamReader(ClientsCommand.class.getResourceAsStream("/clients/clients.properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("clients/clients.properties missing from the jar", e);
        }
        return p;
    }
}
