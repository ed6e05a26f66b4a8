/** Real AWS data: snapshot folders, live import through the AWS SDK, and the Reachability Analyzer cross-check. */
package io.reachsim.aws;
