package io.vigil.web.protocol;

/**
 * A token bucket per connection: {@code perSecond} frames a second on
 * average, bursts of up to {@code burst}. What it bounds is the work one
 * client can make the server do (decoding, database look-ups for commands
 * and acknowledgements), whatever the frames hold. A client past it is not
 * refused: {@link #take} answers how long to stop reading it, so it is slowed
 * to its rate by TCP itself (a device catching up after an outage must get
 * through). Not thread-safe: a connection's frames arrive one at a time.
 */
public final class MessageRate {

    private final double perNano;
    private final double burst;
    private final int perSecond;
    private double tokens;
    private long last;

    public MessageRate(int perSecond, int burst, long nowNanos) {
        this.perSecond = perSecond;
        this.perNano = perSecond / 1e9;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.last = nowNanos;
    }

    /**
     * Counts one frame that has arrived (it is handled either way) and
     * answers how many nanoseconds to stop reading the client so that it
     * stays within its rate: 0 while it is. A rate of 0 or less never waits.
     */
    public long take(long nowNanos) {
        if (perSecond <= 0) {
            return 0;
        }
        refill(nowNanos);
        tokens -= 1;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / perNano);
    }

    private void refill(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
    }

    public String describe() {
        return "more than " + perSecond + " frames a second (bursts of " + (int) burst + ")";
    }
}
