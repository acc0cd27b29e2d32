package dev.kcb.bench.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kcb.bench.suite.ChildProcess;

import java.io.IOException;
import java.util.List;

/** Reads what a client driver printed: its one JSON result line (the contract in {@link JavaDriver}). */
public final class DriverOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DriverOutput() {
    }

    /** @throws IllegalArgumentException with a one-line reason when the driver failed or printed no result */
    public static JsonNode parse(ChildProcess.Outcome o) {
        if (!o.ok()) {
            throw new IllegalArgumentException("exit code " + o.exitCode() + ": " + o.lastLine());
        }
        List<String> json = o.output().lines().filter(l -> l.startsWith("{")).toList();
        if (json.isEmpty()) {
            throw new IllegalArgumentException("no JSON result line: " + o.lastLine());
        }
        try {
            return JSON.readTree(json.get(json.size() - 1));
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable result line: " + e.getMessage());
        }
    }
}
