package io.reachsim.load;

import java.util.List;
import java.util.regex.Pattern;

/** Short AWS service names ({@code s3}, {@code ecr.api}), as VPC endpoints and {@code aws:SERVICE} write them. */
final class AwsServices {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*");
    private static final Pattern FULL = Pattern.compile("com\\.amazonaws\\.[a-z0-9-]+\\.(.+)");

    /**
     * Short names of AWS services with VPC endpoints (AWS PrivateLink — "AWS services that integrate with AWS
     * PrivateLink", https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html):
     * the part after com.amazonaws.REGION. A name outside this list is still accepted when the scenario has
     * an endpoint or a prefix list for it (new services appear every month).
     */
    static final java.util.SortedSet<String> KNOWN = new java.util.TreeSet<>(List.of(
            "access-analyzer", "account", "acm-pca", "airflow.api", "airflow.env", "airflow.ops", "apigateway", "appconfig",
            "appconfigdata", "application-autoscaling", "appmesh", "appmesh-envoy-management", "apprunner", "apprunner.requests",
            "appstream.api", "appstream.streaming", "aps", "aps-workspaces", "athena", "autoscaling", "autoscaling-plans", "backup",
            "backup-gateway", "batch", "bedrock", "bedrock-agent", "bedrock-agent-runtime", "bedrock-runtime", "cassandra",
            "cloudcontrolapi", "cloudformation", "cloudhsmv2", "cloudtrail", "codeartifact.api", "codeartifact.repositories",
            "codebuild", "codecommit", "codedeploy", "codedeploy-commands-secure", "codeguru-profiler", "codeguru-reviewer",
            "codepipeline", "codestar-connections.api", "comprehend", "comprehendmedical", "config", "data-servicediscovery",
            "databrew", "dataexchange", "datasync", "dms", "ds", "dynamodb", "ebs", "ec2", "ec2messages", "ecr.api", "ecr.dkr",
            "ecs", "ecs-agent", "ecs-telemetry", "eks", "eks-auth", "elastic-inference.runtime", "elasticache",
            "elasticbeanstalk", "elasticbeanstalk-health", "elasticfilesystem", "elasticloadbalancing", "elasticmapreduce",
            "email-smtp", "emr-containers", "emr-serverless", "es", "events", "execute-api", "firehose", "fis", "forecast",
            "fsx", "git-codecommit", "glue", "grafana", "greengrass", "guardduty-data", "healthlake", "imagebuilder",
            "inspector2", "iot.data", "iotsitewise.api", "kafka", "kendra", "kinesis-firehose", "kinesis-streams", "kms",
            "lakeformation", "lambda", "license-manager", "logs", "macie2", "memory-db", "monitoring", "mq", "notebook",
            "organizations", "pi", "pipes", "polly", "private-networks", "qldb.session", "rds", "rds-data", "redshift",
            "redshift-data", "redshift-serverless", "rekognition", "rolesanywhere", "route53resolver", "rum", "s3",
            "s3-outposts", "sagemaker.api", "sagemaker.featurestore-runtime", "sagemaker.runtime", "scheduler",
            "secretsmanager", "securityhub", "servicecatalog", "servicediscovery", "signin", "sms", "sns", "sqs", "ssm",
            "ssm-contacts", "ssm-incidents", "ssmmessages", "states", "storagegateway", "sts", "sync-states", "synthetics",
            "textract", "transcribe", "transfer", "transfer.server", "translate", "verifiedpermissions", "workspaces",
            "xray"));

    /** True when {@code s} (or, for a FIPS endpoint, its name without -fips) is a known service endpoint name. */
    static boolean known(String s) {
        return KNOWN.contains(s) || (s.endsWith("-fips") && KNOWN.contains(s.substring(0, s.length() - 5)));
    }

    /** Why {@code s} is not a known service endpoint name: a close name, else the names that share its start, else all. */
    static String unknownService(String s) {
        String near = Names.nearest(s, KNOWN);
        List<String> sharing = KNOWN.stream().filter(k -> k.startsWith(s + ".") || k.startsWith(s + "-") || s.startsWith(k + ".")).toList();
        if (!sharing.isEmpty()) return "expected one of " + String.join(", ", sharing) + " (AWS's endpoint names for it)";
        if (near != null) return "did you mean '" + near + "'? (AWS service endpoint names: " + String.join(", ", KNOWN) + ")";
        return "expected an AWS service endpoint name: " + String.join(", ", KNOWN);
    }

    /** The services that have gateway endpoints. */
    static final List<String> GATEWAY = List.of("s3", "dynamodb");

    private AwsServices() {}

    /** Null when {@code s} is a short AWS service name (any dotted lowercase name); else what is wrong. */
    static String problem(String s) {
        java.util.regex.Matcher full = FULL.matcher(s);
        if (full.matches()) {
            return "write the short name '" + full.group(1) + "' (the com.amazonaws.<region>. part comes from the VPC's region)";
        }
        if (!NAME.matcher(s).matches()) {
            return "expected a short lowercase AWS service name such as s3, ecr.api, sts or logs";
        }
        return null;
    }

    /** An endpoint service (PrivateLink provider side), not an AWS service. */
    static boolean isEndpointService(String s) {
        return s.startsWith("vpce-svc-");
    }
}
