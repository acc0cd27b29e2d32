package dev.kcb.report.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON files a run dir may hold beside jmh.json: {@code calibration.json} ({@code ./run.sh calibrate}) and
 * {@code clients.json} ({@code ./run.sh clients}). Each is a missing node when absent.
 */
public record Sidecars(JsonNode calibration, JsonNode clients) {
    public static final String CALIBRATION = "calibration.json";
    public static final String CLIENTS = "clients.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Sidecars none() {
        return new Sidecars(MissingNode.getInstance(), MissingNode.getInstance());
    }

    public static Sidecars read(Path runDir) {
        return new Sidecars(file(runDir.resolve(CALIBRATION)), file(runDir.resolve(CLIENTS)));
    }

    public static boolean present(Path runDir) {
        return Files.isRegularFile(runDir.resolve(CALIBRATION)) || Files.isRegularFile(runDir.resolve(CLIENTS));
    }

    public boolean hasCalibration() {
        return !calibration.isMissingNode();
    }

    public boolean hasClients() {
        return !clients.isMissingNode();
    }

    private static JsonNode file(Path f) {
        if (!Files.isRegularFile(f)) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(f.toFile());
        } catch (JsonProcessingException e) {
            throw new InputException(f + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }
}
