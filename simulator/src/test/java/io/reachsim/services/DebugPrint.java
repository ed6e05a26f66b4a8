package io.reachsim.services;

import io.reachsim.compile.Fabric;
import io.reachsim.load.ScenarioLoader;
import io.reachsim.model.Expectation;
import io.reachsim.model.Scenario;
import io.reachsim.report.TerminalReport;
import io.reachsim.verdict.SuiteRunner;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

/** Scratch: prints every expectation's trace of the files named in -Dfiles (comma-separated). */
class DebugPrint {
    @Test
    void print() throws Exception {
        String files = System.getProperty("files");
        if (files == null) return;
        for (String f : files.split(",")) {
            List<Scenario> ss = new ScenarioLoader().load(List.of(Path.of(f)));
            for (Scenario s : ss) {
                Fabric fabric = Fabric.compile(s.network());
                for (Expectation e : s.expectations()) {
                    System.out.println(new TerminalReport(false).trace(new SuiteRunner().check(fabric, e), s.network()));
                }
            }
        }
    }
}
