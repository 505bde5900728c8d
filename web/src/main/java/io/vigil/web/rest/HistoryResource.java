package io.vigil.web.rest;

import io.vigil.device.DeviceService;
import io.vigil.device.UnknownDeviceException;
import io.vigil.shared.InvalidInputException;
import io.vigil.telemetry.HistoryBuckets;
import io.vigil.telemetry.TelemetryQuery;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/devices/{id}/history?from=&to=&metric=&bucket=}: a chart's
 * worth of history. Readings with {@code from <= ts <= to} (epoch ms; default
 * the last hour) are folded into buckets of {@code bucket} ({@code 500ms},
 * {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d}; default: the smallest
 * round width that gives at most 1,000 buckets), each with count, min, mean
 * and max, per metric, in columns: at most {@value #MAX_POINTS} points per
 * series, whatever the range.
 */
@Path("/devices/{id}/history")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

    static final int MAX_POINTS = 2_000;
    static final int AUTO_POINTS = 1_000;
    static final long DEFAULT_RANGE = 3_600_000;
    static final long MAX_RANGE = 400L * 86_400_000;
    private static final long[] ROUND_WIDTHS = {1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
            600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000};
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    /** The answer: the range asked for, the bucket width used, and each metric's buckets. */
    public record History(String deviceId, long from, long to, long bucket, Map<String, HistoryBuckets.Series> series) {
    }

    @Inject
    DeviceService devices;

    @Inject
    TelemetryQuery telemetry;

    @GET
    public History history(@PathParam("id") String id, @QueryParam("metric") String metric,
                           @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("bucket") String bucket) {
        if (!devices.exists(id)) {
            throw new UnknownDeviceException(id);
        }
        Params.Range range = Params.range(from, to, DEFAULT_RANGE);
        long start = range.from();
        long end = range.to();
        if (start > end || end - start > MAX_RANGE) {
            throw new InvalidInputException("from must not be after to, and the range at most 400 days");
        }
        long width = bucket == null || bucket.isBlank() ? autoWidth(end - start) : width(bucket);
        long points = (end - start) / width + 1;
        if (points > MAX_POINTS) {
            throw new InvalidInputException("bucket " + bucket + " gives " + points + " points over this range; at most "
                    + MAX_POINTS + " (use a bucket of at least " + ceilDiv(end - start, MAX_POINTS - 1) + "ms)");
        }
        String wanted = metric == null || metric.isBlank() ? null : metric.strip();
        return new History(id, start, end, width, telemetry.history(id, wanted, start, end, width).series());
    }

    /** The smallest round width that gives at most {@link #AUTO_POINTS} buckets. */
    static long autoWidth(long range) {
        for (long width : ROUND_WIDTHS) {
            if (range / width < AUTO_POINTS) {
                return width;
            }
        }
        return ceilDiv(range, AUTO_POINTS);
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    static long width(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new InvalidInputException("bucket must be a number and a unit (ms, s, m, h, d), e.g. 60s; got '"
                    + (text.length() > 20 ? text.substring(0, 20) + "..." : text) + "'");
        }
        long value = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        if (value < 1) {
            throw new InvalidInputException("bucket must be at least 1ms");
        }
        return value * unit;
    }
}
