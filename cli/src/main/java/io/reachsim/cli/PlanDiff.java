package io.reachsim.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reachsim.load.LoadError;
import io.reachsim.load.LoadException;
import io.reachsim.load.SnapshotImport;
import io.reachsim.load.SnapshotImporter;
import io.reachsim.model.Expectation;
import io.reachsim.model.Origin;
import io.reachsim.model.Scenario;
import io.reachsim.report.DiffReport;
import io.reachsim.report.JsonReport;
import io.reachsim.terraform.TerraformPlan;
import io.reachsim.trace.FlowResult;
import io.reachsim.verdict.NetworkDiff;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code reachsim diff --plan plan.json [--base SNAP] [PATH…]}: check before apply. Before is the plan's
 * prior state, after its planned values; each regression names the resource changes that caused it.
 */
final class PlanDiff {
    private PlanDiff() {}

    static int run(DiffCommand cmd, Main main, PrintWriter out, PrintWriter err) {
        String nothing = "nothing was compared.";
        if (cmd.plan == null || cmd.before != null || cmd.after != null) {
            err.println(cmd.plan == null ? "--base goes with --plan; " + nothing
                    : "--plan replaces --before and --after: give one or the other; " + nothing);
            err.flush();
            return Main.BAD_INPUT;
        }
        for (Path p : cmd.base == null ? List.of(cmd.plan) : List.of(cmd.plan, cmd.base)) {
            if (!Files.exists(p)) {
                err.println(p + ": no such file or folder");
                err.println(nothing);
                err.flush();
                return Main.BAD_INPUT;
            }
        }
        TerraformPlan.Read read;
        try {
            SnapshotImport base = null;
            if (cmd.base != null) {
                SnapshotImporter importer = SnapshotImporter.find(cmd.base).orElseThrow(() -> new LoadException(List.of(new LoadError(
                        new Origin(cmd.base.toString(), 1, 1), "--base takes a snapshot folder or a Terraform state JSON file"))));
                base = importer.read(cmd.base, cmd.base.toString(), null);
            }
            read = TerraformPlan.read(cmd.plan, cmd.plan.toString(), base, null);
        } catch (LoadException e) {
            Main.printLoadErrors(err, e, nothing);
            return Main.BAD_INPUT;
        }
        List<Expectation> questions = new ArrayList<>();
        if (cmd.paths.isEmpty()) {
            err.println("no expectations to compare: give scenario files as PATH (a plan holds none); " + nothing);
            err.flush();
            return Main.BAD_INPUT;
        }
        List<Scenario> scenarios = main.loadScenarios(cmd.paths, nothing);
        if (scenarios == null) return Main.BAD_INPUT;
        for (Scenario s : scenarios) questions.addAll(s.expectations());
        if (questions.isEmpty()) {
            err.println("no expectations in " + cmd.paths + "; " + nothing);
            err.flush();
            return Main.BAD_INPUT;
        }
        NetworkDiff.Result result = new NetworkDiff(read.before(), read.after()).compare(questions);
        String beforeName = cmd.plan + " (prior state" + (cmd.base == null ? "" : " on " + cmd.base) + ")";
        String afterName = cmd.plan + " (planned values)";
        ObjectNode json = new DiffReport(false, read.before(), read.after()).json(result);
        ArrayNode blamed = json.putArray("causes");
        StringBuilder why = new StringBuilder();
        for (NetworkDiff.ExpectationChange c : result.expectations()) {
            if (c.status() != NetworkDiff.Status.REGRESSED) continue;
            List<TerraformPlan.Change> causes = causes(c, read.changes());
            ObjectNode o = blamed.addObject();
            o.put("expectation", c.expectation().name());
            ArrayNode list = o.putArray("changes");
            why.append("  ").append(c.expectation().name()).append('\n');
            if (causes.isEmpty()) why.append("    no resource change of this plan is on its path (").append(read.changes().size())
                    .append(" changes in the plan)\n");
            for (TerraformPlan.Change ch : causes) {
                why.append("    caused by ").append(ch).append('\n');
                list.addObject().put("address", ch.address()).put("action", ch.action()).put("detail", ch.detail());
            }
        }
        if (cmd.jsonOut.toStdout()) {
            JsonReport.write(json, out);
        } else {
            out.print(new DiffReport(main.color(), read.before(), read.after()).terminal(result, beforeName, afterName));
            if (why.length() > 0) out.print("\nwhich change of the plan did it:\n" + why);
            out.flush();
        }
        if (cmd.jsonOut.file() != null) {
            try {
                Path file = cmd.jsonOut.file();
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                Files.writeString(file, JsonReport.toText(json), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("cannot write report: " + RunCommand.describe(e));
                err.flush();
                return Main.BAD_INPUT;
            }
        }
        return result.regressed() ? Main.FAILED : Main.OK;
    }

    /** The changes that touch the component that now drops a flow; else those on the flows' paths. */
    static List<TerraformPlan.Change> causes(NetworkDiff.ExpectationChange c, List<TerraformPlan.Change> changes) {
        Set<String> drops = new LinkedHashSet<>();
        Set<String> path = new LinkedHashSet<>();
        List<FlowResult> flows = new ArrayList<>();
        for (NetworkDiff.FlowChange f : c.flows()) {
            if (f.after() != null) flows.add(f.after());
            if (f.before() != null) path.addAll(f.before().pathIds());
        }
        if (flows.isEmpty() && c.after().result() != null) flows.addAll(c.after().result().flows());
        for (FlowResult f : flows) {
            if (f.drop() != null && f.drop().component() != null) drops.add(f.drop().component());
            path.addAll(f.pathIds());
        }
        List<TerraformPlan.Change> direct = TerraformPlan.causes(changes, drops);
        return direct.isEmpty() ? TerraformPlan.causes(changes, path) : direct;
    }
}
