package dev.kcb.bench.clients;

import dev.kcb.bench.suite.SuiteRunner;
import picocli.CommandLine.Command;
import java.util.concurrent.Callable;

@Command(name = "clients")
public final class ClientsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
