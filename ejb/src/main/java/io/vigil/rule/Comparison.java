package io.vigil.rule;

import java.util.Arrays;
import java.util.Optional;

/** A rule's {@code op}: how a value is compared with a threshold. */
public enum Comparison {
    GT(">"), GE(">="), LT("<"), LE("<=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(double value, double threshold) {
        return switch (this) {
            case GT -> value > threshold;
            case GE -> value >= threshold;
            case LT -> value < threshold;
            case LE -> value <= threshold;
        };
    }

    /** True for {@code >} and {@code >=}: the alert is about a value that is too high. */
    public boolean isUpper() {
        return this == GT || this == GE;
    }

    public static Optional<Comparison> fromSymbol(String symbol) {
        return Arrays.stream(values()).filter(c -> c.symbol.equals(symbol)).findFirst();
    }
}
