package io.vigil.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final Pattern ROW = Pattern.compile("^\\| (`vigil\\.[^|]+) \\| ([^|]+) \\|");

    @AfterEach
    void clear() {
        System.clearProperty("vigil.ingest.maxBatch");
        System.clearProperty("vigil.ws.requireTls");
        System.clearProperty("vigil.publicUrl");
    }

    @Test
    void everySettingHasItsDefaultInTheDefaultsFileAndTheReadmeTableSaysTheSame() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = Setting.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            defaults.load(in);
        }
        for (Setting setting : Setting.values()) {
            assertTrue(defaults.containsKey(setting.property()), setting.property() + " has a default");
            setting.check();
        }
        Map<String, String> readme = readmeDefaults();
        Map<String, String> differing = new TreeMap<>();
        defaults.stringPropertyNames().forEach(name -> {
            String documented = readme.get(name);
            String value = defaults.getProperty(name);
            String shown = value.isEmpty() ? "(none)" : value;
            if (documented == null || !documented.equals(shown)) {
                differing.put(name, "file " + shown + ", README " + documented);
            }
        });
        assertEquals(Map.of(), differing, "README \"Configuration\" lists every default as the defaults file has it");
        assertEquals(Setting.values().length, defaults.size(), "nothing in the file that Vigil does not read");
    }

    @Test
    void aValueFromAPropertyWinsAndABadOneIsRefusedNamingTheProperty() {
        assertEquals(2000, Settings.ingestMaxBatch());
        System.setProperty("vigil.ingest.maxBatch", "500");
        assertEquals(500, Settings.ingestMaxBatch());
        System.setProperty("vigil.ingest.maxBatch", "banana");
        IllegalStateException refused = assertThrows(IllegalStateException.class, Settings::ingestMaxBatch);
        assertTrue(refused.getMessage().startsWith("Invalid setting vigil.ingest.maxBatch=banana: must be an integer"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("VIGIL_INGEST_MAXBATCH"), "it says how else to set it");
        System.setProperty("vigil.ingest.maxBatch", "0");
        assertThrows(IllegalStateException.class, Settings::ingestMaxBatch);
        System.setProperty("vigil.ws.requireTls", "yes");
        assertTrue(assertThrows(IllegalStateException.class, Settings::wsRequireTls).getMessage().contains("true or false"));
        System.setProperty("vigil.publicUrl", "vigil.example.com");
        assertThrows(IllegalStateException.class, Settings::publicUrl);
        System.setProperty("vigil.publicUrl", "https://vigil.example.com/");
        assertEquals("https://vigil.example.com", Settings.publicUrl());
    }

    /** Property to default, from the README's settings table ({@code `a` / `b` | 1 / 2} rows too). */
    private static Map<String, String> readmeDefaults() throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
            Matcher row = ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            String[] names = row.group(1).split(" / ");
            String[] values = row.group(2).strip().split(" / ");
            for (int i = 0; i < names.length; i++) {
                String name = names[i].strip().replace("`", "");
                String value = values.length == names.length ? values[i] : row.group(2);
                defaults.put(name, value.strip().replace("`", ""));
            }
        }
        return defaults;
    }
}
