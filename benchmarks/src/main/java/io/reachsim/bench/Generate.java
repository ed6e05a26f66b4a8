package io.reachsim.bench;

import java.nio.file.Path;

/**
 * {@code java -cp benchmarks.jar io.reachsim.bench.Generate --size S|M|L|XL --seed N --out FILE}: writes a
 * generated network and its expectations as a scenario v1 file, and prints what it holds.
 */
public final class Generate {
    private Generate() {}

    public static void main(String[] args) throws Exception {
        NetworkGenerator.Size size = NetworkGenerator.Size.S;
        long seed = 1;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> size = NetworkGenerator.Size.valueOf(args[++i].toUpperCase());
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: Generate --size S|M|L|XL --seed N --out FILE");
                    System.exit(2);
                }
            }
        }
        if (out == null) {
            System.err.println("usage: Generate --size S|M|L|XL --seed N --out FILE");
            System.exit(2);
        }
        NetworkGenerator.Generated g = NetworkGenerator.generate(size, seed);
        YamlWriter.write(g, out);
        System.out.println(out + ": " + Stats.of(g));
    }
}
