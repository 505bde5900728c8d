package io.vigil.web.rest;

import io.vigil.device.DeviceIds;
import io.vigil.device.DeviceService;
import io.vigil.device.UnknownDeviceException;
import io.vigil.shared.InvalidInputException;
import io.vigil.shared.MetricsJson;
import io.vigil.telemetry.TelemetryQuery;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/devices/{id}/readings.csv?from=&to=&metrics=}: a device's
 * readings as a CSV file (RFC 4180: a header row, CRLF line ends), oldest
 * first: {@code ts} (ISO-8601, UTC, milliseconds), {@code seq}, then one
 * column per metric, empty where a reading has no value for it. The metrics
 * are the comma-separated {@code metrics}, else every metric the device
 * reported in the range. {@code from}/{@code to} as for the JSON history
 * (epoch ms; default the last 24 hours). Rows are written as they are read
 * from the database, so the file can be as long as the range holds.
 */
@Path("/devices/{id}/readings.csv")
public class ReadingsCsvResource {

    static final long DEFAULT_RANGE = 86_400_000;

    @Inject
    DeviceService devices;

    @Inject
    TelemetryQuery telemetry;

    @GET
    @Produces("text/csv")
    public Response csv(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
                        @QueryParam("metrics") String metrics) {
        if (!devices.exists(id)) {
            throw new UnknownDeviceException(id);
        }
        Params.Range range = Params.range(from, to, DEFAULT_RANGE);
        long start = range.from();
        long end = range.to();
        if (start > end) {
            throw new InvalidInputException("from must not be after to");
        }
        List<String> columns = metrics == null || metrics.isBlank() ? telemetry.metricNames(id, start, end)
                : columns(metrics);
        StreamingOutput body = output -> {
            Writer csv = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            csv.write("ts,seq");
            for (String column : columns) {
                csv.write(',');
                csv.write(column);
            }
            csv.write("\r\n");
            String only = columns.size() == 1 ? columns.get(0) : null;
            telemetry.readings(id, only, start, end, Integer.MAX_VALUE, (seq, ts, json) -> {
                Map<String, Double> values = MetricsJson.parse(json);
                if (columns.stream().noneMatch(values::containsKey)) {
                    return; // none of the columns asked for
                }
                csv.write(Instant.ofEpochMilli(ts).toString());
                csv.write(',');
                csv.write(Long.toString(seq));
                for (String column : columns) {
                    csv.write(',');
                    Double value = values.get(column);
                    if (value != null) {
                        csv.write(Double.toString(value));
                    }
                }
                csv.write("\r\n");
            });
            csv.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + id + "-readings.csv\"")
                .build();
    }

    /** The metric names asked for, in their order, each once; a name that is not one is a 400. */
    static List<String> columns(String metrics) {
        List<String> names = Arrays.stream(metrics.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .distinct().toList();
        for (String name : names) {
            if (!DeviceIds.isValid(name)) {
                throw new InvalidInputException("metrics must be comma-separated names of [A-Za-z0-9_.-]{1,64}, got "
                        + Params.abbreviate(name));
            }
        }
        if (names.isEmpty()) {
            throw new InvalidInputException("metrics names no metric");
        }
        return names;
    }
}
