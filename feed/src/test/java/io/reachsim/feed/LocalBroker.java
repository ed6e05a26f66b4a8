package io.reachsim.feed;

/**
 * A throwaway single-node broker for trying {@code reachsim watch} by hand (not a test):
 * {@code java -cp <feed test classpath> io.reachsim.feed.LocalBroker} prints its bootstrap address and
 * runs until stopped.
 */
public final class LocalBroker {
    public static void main(String[] args) throws Exception {
        KafkaBroker broker = new KafkaBroker();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }));
        System.out.println("BOOTSTRAP " + broker.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }
}
