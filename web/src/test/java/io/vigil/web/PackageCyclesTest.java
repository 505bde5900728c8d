package io.vigil.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Packages depend on each other one way, in each module: in the web module
 * protocol at the bottom, security above it, then device and monitor, and
 * the doors (rest, cluster) on top; in the EJB module telemetry and device
 * below alerting (alert, then rule), which observes what they announce. An
 * import or a fully qualified name (in code or a doc comment) that points
 * back up makes a cycle and fails this test.
 */
class PackageCyclesTest {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern QUALIFIED = Pattern.compile("\\b(io\\.vigil(?:\\.[a-z]\\w*)+)\\.[A-Z]");

    @Test
    void noPackageCycleInTheWebModule() throws IOException {
        Map<String, Set<String>> uses = dependencies(Path.of("src/main/java"));
        assertTrue(uses.size() >= 6, "found the packages: " + uses.keySet());
        assertEquals(List.of(), cycles(uses), "package cycles (each a set of packages that reach each other)");
    }

    /** The EJB module's sources, beside this one's in the build's checkout. */
    @Test
    void noPackageCycleInTheEjbModule() throws IOException {
        Map<String, Set<String>> uses = dependencies(Path.of("../ejb/src/main/java"));
        assertTrue(uses.size() >= 10, "found the packages: " + uses.keySet());
        assertEquals(List.of(), cycles(uses), "package cycles (each a set of packages that reach each other)");
    }

    private static Map<String, Set<String>> dependencies(Path sources) throws IOException {
        Map<String, Set<String>> uses = new HashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path file : files) {
            String source = Files.readString(file);
            Matcher pkg = PACKAGE.matcher(source);
            if (!pkg.find()) {
                continue;
            }
            Set<String> used = uses.computeIfAbsent(pkg.group(1), p -> new HashSet<>());
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                used.add(packageOf(imports.group(1)));
            }
            Matcher qualified = QUALIFIED.matcher(source);
            while (qualified.find()) {
                used.add(qualified.group(1));
            }
        }
        uses.forEach((pkg, used) -> used.removeIf(other -> other.equals(pkg) || !uses.containsKey(other)));
        return uses;
    }

    /** The part of a name before its first capitalised segment. */
    private static String packageOf(String name) {
        List<String> parts = new ArrayList<>();
        for (String part : name.split("\\.")) {
            if (Character.isUpperCase(part.charAt(0))) {
                break;
            }
            parts.add(part);
        }
        return String.join(".", parts);
    }

    /** Strongly connected sets of more than one package (Tarjan). */
    private static List<Set<String>> cycles(Map<String, Set<String>> uses) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        List<String> stack = new ArrayList<>();
        Set<String> onStack = new HashSet<>();
        List<Set<String>> found = new ArrayList<>();
        int[] counter = {0};
        for (String pkg : new TreeSet<>(uses.keySet())) {
            if (!index.containsKey(pkg)) {
                visit(pkg, uses, index, low, stack, onStack, found, counter);
            }
        }
        return found;
    }

    private static void visit(String pkg, Map<String, Set<String>> uses, Map<String, Integer> index,
                              Map<String, Integer> low, List<String> stack, Set<String> onStack,
                              List<Set<String>> found, int[] counter) {
        index.put(pkg, counter[0]);
        low.put(pkg, counter[0]++);
        stack.add(pkg);
        onStack.add(pkg);
        for (String next : uses.get(pkg)) {
            if (!index.containsKey(next)) {
                visit(next, uses, index, low, stack, onStack, found, counter);
                low.put(pkg, Math.min(low.get(pkg), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(pkg, Math.min(low.get(pkg), index.get(next)));
            }
        }
        if (low.get(pkg).equals(index.get(pkg))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.remove(stack.size() - 1);
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(pkg));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
