package io.reachsim.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.reachsim.aws.snapshot.Snapshots;
import io.reachsim.load.LoadError;
import io.reachsim.load.LoadException;
import io.reachsim.model.Network;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.stream.Collectors;

/**
 * Baselines read by the aws module's snapshot importer: one document holding the top-level keys of the
 * describe-* outputs it understands ({@code Vpcs}, {@code Subnets}, {@code RouteTables}, ...), for the
 * account and region of the record's key (DESIGN §6).
 */
public final class SnapshotBaselines implements BaselineReader {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotBaselines.class);

    @Override
    public Network read(JsonNode document, String account, String region) throws BadEventException {
        try {
            Snapshots.Result r = Snapshots.fromDocument(document, account, region);
            LOG.info("baseline {}/{}: {}", account, region, r.report().summary());
            return r.network();
        } catch (LoadException e) {
            throw new BadEventException("snapshot document for " + account + "/" + region + " has errors: "
                    + e.errors().stream().map(LoadError::message).collect(Collectors.joining("; ")));
        }
    }
}
