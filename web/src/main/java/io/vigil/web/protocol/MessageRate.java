package io.vigil.web.protocol;

/**
 * A token bucket per connection: {@code perSecond} frames a second on
 * average, bursts of up to {@code burst}. What it bounds is the work one
 * client can make the server do (decoding, database look-ups for commands
 * and acknowledgements), whatever the frames hold; a client past it is
 * closed with 1008. Not thread-safe: a connection's frames arrive one at a time.
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

    /** Takes one frame's token; false when the client is over its rate. A rate of 0 or less admits everything. */
    public boolean admit(long nowNanos) {
        if (perSecond <= 0) {
            return true;
        }
        tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    public String describe() {
        return "more than " + perSecond + " frames a second (bursts of " + (int) burst + ")";
    }
}
