package io.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The benchmark's Markdown report: one table, every figure with its unit and its ratio to the echo ceiling. */
final class Report {

    /** The {@code lost} value of a row that stores nothing (the echo, the history query). */
    static final String NOT_CHECKED = "n/a";

    private Report() {
    }

    static String markdown(List<Row> rows, String header) {
        StringBuilder md = new StringBuilder(header).append("\n\n")
                .append("| database | scenario | monitors | rate | vs echo | ack p50 | ack p99 | page p50 | page p99 |"
                        + " stored exactly once | goal | note |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ").append(row.database())
                    .append(" | ").append(row.scenario())
                    .append(" | ").append(row.monitors())
                    .append(" | ").append(String.format(Locale.ROOT, "%,.0f %s", row.rate(), row.unit()))
                    .append(" | ").append(row.ratio() == null ? "" : String.format(Locale.ROOT, "%.0f%%", row.ratio() * 100))
                    .append(" | ").append(millis(row.ackP50()))
                    .append(" | ").append(millis(row.ackP99()))
                    .append(" | ").append(millis(row.pageP50()))
                    .append(" | ").append(millis(row.pageP99()))
                    .append(" | ").append(row.lost() == null ? "yes" : NOT_CHECKED.equals(row.lost()) ? "n/a" : "**NO: " + row.lost() + "**")
                    .append(" | ").append(row.goal() == null ? "" : row.goal())
                    .append(" | ").append(row.note() == null ? "" : row.note())
                    .append(" |\n");
        }
        return md.toString();
    }

    static void write(Path file, String markdown) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, markdown);
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f ms", value);
    }
}
