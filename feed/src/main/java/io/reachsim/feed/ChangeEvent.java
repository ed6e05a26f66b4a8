package io.reachsim.feed;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One EventBridge "AWS API Call via CloudTrail" event, reduced to what a model change needs.
 * {@code request}/{@code response} are CloudTrail's {@code requestParameters}/{@code responseElements}
 * (possibly JSON null); {@code errorCode} is set when AWS refused the call (then nothing changed).
 */
public record ChangeEvent(String eventId, String eventName, String source, String account, String region,
                          Instant time, JsonNode request, JsonNode response, String errorCode) {

    /** The partition key: changes of one account and region are applied in order by one task. */
    public String key() {
        return account + "/" + region;
    }
}
