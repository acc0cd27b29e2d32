package dev.kcb.report.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One line naming the environment of one or more runs, from run.json only: "unknown" where a value is absent. */
public final class EnvSummary {
    private EnvSummary() {
    }

    /** "Kafka client 4.4.0 · broker 4.4.0 (local) · JDK 17.0.15 · 2 CPUs · run X"; values that differ between runs are joined with " / ". */
    public static String line(List<Run> runs) {
        return "Kafka client " + each(runs, r -> r.info().clientVersion())
                + " · broker " + each(runs, r -> r.info().brokerVersion()) + " (" + each(runs, r -> r.info().brokerSetup()) + ")"
                + " · JDK " + each(runs, r -> r.info().jdk())
                + " · " + each(runs, r -> r.info().cpus()) + " CPUs"
                + (runs.size() == 1 ? " · run " + runs.get(0).id() : " · runs " + runs.stream().map(Run::id).collect(Collectors.joining(" vs ")));
    }

    private static String each(List<Run> runs, Function<Run, String> f) {
        Set<String> values = new LinkedHashSet<>();
        runs.forEach(r -> values.add(f.apply(r)));
        return String.join(" / ", values);
    }
}
