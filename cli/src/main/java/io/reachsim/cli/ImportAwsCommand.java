package io.reachsim.cli;

import io.reachsim.aws.live.ApiCall;
import io.reachsim.aws.live.AwsConnection;
import io.reachsim.aws.live.ImportException;
import io.reachsim.aws.live.ImportReport;
import io.reachsim.aws.live.LiveImport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code reachsim import aws}: a live snapshot through the AWS SDK. */
@Command(name = "aws",
        mixinStandardHelpOptions = true,
        description = {"Read one AWS account and region through the AWS SDK and write a snapshot folder:",
                "  OUT/<account>/<region>/<api>.json, each file what the AWS CLI prints for that call "
                        + "(describe-vpcs.json holds {\"Vpcs\": [...]}), every page merged, and OUT/<account>/<region>/.import-aws.json, what each call did.",
                "Reads EC2 (VPCs, subnets, route tables, security groups, network ACLs, gateways, VPN connections, interfaces, instances, "
                        + "peering, transit gateways and their routes, endpoints, endpoint services, prefix lists and entries, "
                        + "addresses), ELBv2 (load balancers, listeners, target groups, target health), EKS clusters and "
                        + "VPC Lattice (service networks, associations, services, listeners, target groups, targets, auth policies).",
                "Credentials: the AWS SDK's default chain (environment, ~/.aws/config and credentials, SSO, container or "
                        + "instance role), or --profile; with --role-arn, that role is assumed through STS. They are never "
                        + "written or printed. Read-only permissions suffice (e.g. the ReadOnlyAccess managed policy).",
                "An API that AWS refuses (AccessDenied, UnauthorizedOperation) or that still fails after the SDK's adaptive "
                        + "retries is reported, and the rest is read; the exit code then says the snapshot is partial."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every API was read", "2:bad input, or the account could not be identified (nothing written)",
                "3:internal error", "4:partial snapshot: some APIs were refused or failed (see the report)"})
final class ImportAwsCommand implements Callable<Integer> {
    static final int PARTIAL = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--region", required = true, paramLabel = "R", description = "The AWS Region to read, e.g. us-east-1.")
    String region;

    @Option(names = "--profile", paramLabel = "P", description = "A profile of ~/.aws/config (default: the SDK's default chain).")
    String profile;

    @Option(names = "--role-arn", paramLabel = "A", description = "Assume this IAM role (STS AssumeRole) with the credentials found, and read with the role.")
    String roleArn;

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send every call to this endpoint instead of AWS's (a proxy, or a local stand-in).")
    URI endpoint;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The snapshot folder (created if missing; files of a previous import of the same account and region are replaced).")
    Path out;

    private final Main main;

    ImportAwsCommand(Main main) {
        this.main = main;
    }

    @Override
    public Integer call() {
        PrintWriter out = main.terminal.out();
        PrintWriter err = main.terminal.err();
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--region '" + region + "': expected a region code such as us-east-1");
        }
        if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--endpoint-url '" + endpoint + "': expected a URL such as https://ec2.example.com");
        }
        ImportProgress progress = new ImportProgress(err, main.terminal.stderrTty());
        ImportReport report;
        try (AwsConnection c = new AwsConnection(new AwsConnection.Settings(region, profile, roleArn, endpoint))) {
            report = new LiveImport(c, progress).run(this.out);
        } catch (ImportException e) {
            progress.clear();
            err.println("import aws: " + e.getMessage());
            err.flush();
            return Main.BAD_INPUT;
        } catch (IllegalArgumentException e) {
            // e.g. a profile that does not exist
            progress.clear();
            err.println("import aws: " + e.getMessage());
            err.flush();
            return Main.BAD_INPUT;
        } catch (java.io.UncheckedIOException e) {
            progress.clear();
            err.println("import aws: cannot write the snapshot: " + RunCommand.describe(e.getCause()));
            err.flush();
            return Main.BAD_INPUT;
        }
        int calls = report.calls().size();
        long files = report.calls().stream().filter(c -> c.file() != null).count();
        out.println("snapshot of account " + report.account() + " in " + report.region() + ": " + files + " files from "
                + calls + " calls in " + report.folder());
        if (report.partial()) {
            out.println("partial: " + report.failures().size() + " of " + calls + " calls were refused or failed:");
            for (ApiCall c : report.failures()) {
                out.println("  " + c.label() + "  " + c.outcome().name().toLowerCase() + ": "
                        + (c.errorCode() == null ? "" : c.errorCode() + ": ") + c.message());
            }
            out.println("every call: " + report.folder().resolve(ImportReport.FILE));
        }
        out.flush();
        return report.partial() ? PARTIAL : Main.OK;
    }
}
