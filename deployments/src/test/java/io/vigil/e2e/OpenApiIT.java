package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.web.rest.RestApplication;
import io.vigil.web.security.ApiRole;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The REST API's description at {@code /openapi} (WildFly's MicroProfile
 * OpenAPI, from the JAX-RS resources) lists exactly the operations the
 * resources implement, each with the role it needs and the shapes it takes.
 */
class OpenApiIT extends E2E {

    private static final Set<String> VERBS = Set.of("get", "post", "put", "delete", "patch", "head", "options");

    @Test
    void theDescriptionListsEveryOperationOfTheResourcesWithItsRole() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.httpUri().resolve("/openapi?format=JSON")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), "no sign-in needed to read the description");
        JsonObject document;
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            document = reader.readObject();
        }
        assertTrue(document.getString("openapi").startsWith("3."));
        assertEquals("Vigil", document.getJsonObject("info").getString("title"));
        assertEquals("basic", document.getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("basic").getString("scheme"));

        Set<String> described = new TreeSet<>();
        JsonObject paths = document.getJsonObject("paths");
        paths.forEach((path, item) -> item.asJsonObject().forEach((verb, operation) -> {
            if (VERBS.contains(verb)) {
                String method = verb.toUpperCase(Locale.ROOT);
                described.add(method + " " + path);
                assertEquals(ApiRole.of(method, path).name().toLowerCase(Locale.ROOT),
                        operation.asJsonObject().getString("x-vigil-role", null), method + " " + path);
            }
        }));
        assertEquals(implemented(), described, "every operation of the JAX-RS resources, and nothing else");

        JsonObject createChannel = paths.getJsonObject("/api/notifications/channels").getJsonObject("post");
        assertNotNull(createChannel.getJsonObject("requestBody"), "the request's shape");
        assertTrue(createChannel.getJsonObject("responses").containsKey("403"), "operators only");
        JsonObject channelBody = document.getJsonObject("components").getJsonObject("schemas")
                .getJsonObject("ChannelBody").getJsonObject("properties");
        assertTrue(channelBody.keySet().containsAll(Set.of("name", "type", "url", "address", "minSeverity", "secret")),
                channelBody.keySet().toString());
        assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder()).build(),
                paths.getJsonObject("/api/health").getJsonObject("get").getJsonArray("security"),
                "the health check needs no sign-in (one empty requirement)");
    }

    /** {@code METHOD /api/path} of every resource method in the web module, path parameters as {name}. */
    private static Set<String> implemented() throws Exception {
        String root = "/" + RestApplication.class.getAnnotation(ApplicationPath.class).value().replaceAll("^/|/$", "");
        Set<String> operations = new TreeSet<>();
        java.nio.file.Path jar = java.nio.file.Path.of(RestApplication.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        assertTrue(Files.isRegularFile(jar), "the web module's classes jar: " + jar);
        try (JarFile classes = new JarFile(jar.toFile())) {
            for (String name : classes.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.startsWith("io/vigil/web/rest/") && n.endsWith(".class") && !n.contains("$")).toList()) {
                Class<?> type = Class.forName(name.replace('/', '.').replace(".class", ""));
                Path base = type.getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                for (Method method : type.getMethods()) {
                    String verb = verb(method);
                    if (verb != null) {
                        Path sub = method.getAnnotation(Path.class);
                        operations.add(verb + " " + normalise(root + "/" + base.value() + "/" + (sub == null ? "" : sub.value())));
                    }
                }
            }
        }
        return operations;
    }

    private static String verb(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String normalise(String path) {
        String plain = path.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return plain.length() > 1 && plain.endsWith("/") ? plain.substring(0, plain.length() - 1) : plain;
    }
}
