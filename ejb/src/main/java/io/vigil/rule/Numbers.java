package io.vigil.rule;

import java.math.BigDecimal;

/** Formats thresholds and values for messages: 90 rather than 90.0. */
public final class Numbers {

    private Numbers() {
    }

    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
