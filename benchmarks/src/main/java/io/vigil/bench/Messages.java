package io.vigil.bench;

/** Cheap field extraction from the server's compact JSON, so the generator spends its CPU on load, not parsing. */
final class Messages {

    private Messages() {
    }

    /** Whether the message's {@code type} is {@code type} (the server writes fields in any order). */
    static boolean isType(String text, String type) {
        return text.contains("\"type\":\"" + type + "\"");
    }

    /** The integer after the first occurrence of {@code key} (e.g. {@code "\"seq\":"}), -1 when absent. */
    static long longField(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            return -1;
        }
        long value = 0;
        for (int i = at + key.length(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
