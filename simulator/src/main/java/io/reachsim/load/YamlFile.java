package io.reachsim.load;

import io.reachsim.model.Origin;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * One YAML file composed into SnakeYAML's node tree, which keeps the line and column of every value.
 * Reading never throws: an unreadable, malformed or empty file becomes a load error and a null root.
 */
public final class YamlFile {
    final String file;
    final Path path;
    final Node root;

    private YamlFile(String file, Path path, Node root) {
        this.file = file;
        this.path = path;
        this.root = root;
    }

    public static Origin at(String file, Node n) {
        return at(file, n.getStartMark());
    }

    static Origin at(String file, Mark m) {
        return m == null ? new Origin(file, 1, 1) : new Origin(file, m.getLine() + 1, m.getColumn() + 1);
    }

    /**
     * Reads {@code path}, shown to the user as {@code file}. {@code referencedAt} is where the path was
     * written (an {@code import:} value), or null for a path given on the command line.
     */
    static YamlFile read(String file, Path path, Origin referencedAt, Problems problems) {
        Origin whole = referencedAt != null ? referencedAt : new Origin(file, 1, 1);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add(whole, "'" + file + "' does not exist");
            return new YamlFile(file, path, null);
        } catch (CharacterCodingException e) {
            problems.add(new Origin(file, 1, 1), "'" + file + "' is not UTF-8 text: expected a YAML scenario file");
            return new YamlFile(file, path, null);
        } catch (IOException e) {
            problems.add(whole, "cannot read '" + file + "': " + e.getMessage());
            return new YamlFile(file, path, null);
        }
        return parse(file, path, text, problems);
    }

    public static YamlFile parse(String file, Path path, String text, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        options.setAllowDuplicateKeys(true); // reported by YMap with both positions instead
        try {
            Node root = new Yaml(options).compose(new StringReader(text));
            if (root == null) {
                problems.add(new Origin(file, 1, 1), "'" + file + "' is empty: expected a scenario starting with 'apiVersion: reachsim/v1'");
            }
            return new YamlFile(file, path, root);
        } catch (MarkedYAMLException e) {
            YamlErrors.Explained plain = YamlErrors.explain(e, text);
            if (plain != null) {
                problems.add(at(file, plain.at()), "malformed YAML: " + plain.message());
                return new YamlFile(file, path, null);
            }
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            StringBuilder msg = new StringBuilder("malformed YAML: ").append(clean(e.getProblem()));
            if (e.getContext() != null && e.getContextMark() != null) {
                msg.append(" (").append(clean(e.getContext())).append(" that starts at line ")
                        .append(e.getContextMark().getLine() + 1).append(')');
            }
            problems.add(at(file, m), msg.toString());
        } catch (YAMLException e) {
            problems.add(new Origin(file, 1, 1), "malformed YAML: " + clean(e.getMessage()));
        }
        return new YamlFile(file, path, null);
    }

    /** The composed document, or null when it could not be read (the problems say why). */
    public Node root() {
        return root;
    }

    private static String clean(String s) {
        return s == null ? "unreadable input" : s.replaceAll("\\s+", " ").trim();
    }
}
