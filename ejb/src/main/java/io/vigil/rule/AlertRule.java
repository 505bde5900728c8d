package io.vigil.rule;

import io.vigil.alert.Severity;
import io.vigil.device.Tags;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

/**
 * A threshold rule: raise an alert when {@code metric op threshold} holds for
 * {@code forSeconds}, clear it when the value crosses back past
 * {@code clearThreshold} (hysteresis). {@code deviceId} null means every device.
 */
@Entity
@Table(name = "alert_rule")
public class AlertRule {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String metric;

    @Column(nullable = false)
    @Convert(converter = ComparisonColumn.class)
    private Comparison op;

    @Column(nullable = false)
    private double threshold;

    @Column(name = "clear_threshold")
    private Double clearThreshold;

    @Column(name = "for_seconds", nullable = false)
    private int forSeconds;

    @Column(nullable = false)
    @Enumerated(EnumType.STRING)
    private Severity severity;

    @Column(name = "device_id")
    private String deviceId;

    /** The tag selector (a JSON object), null when the rule does not select by tags. */
    @Column(length = 2000)
    private String selector;

    /** The selector parsed once per loaded rule: the engine asks for every reading of a batch. */
    @Transient
    private Tags selectorTags;

    protected AlertRule() {
    }

    public AlertRule(RuleDefinition definition) {
        update(definition);
    }

    /** Replaces every field but the id. */
    public final void update(RuleDefinition d) {
        this.metric = d.metric();
        this.op = d.op();
        this.threshold = d.threshold();
        this.clearThreshold = d.clearThreshold();
        this.forSeconds = d.forSeconds();
        this.severity = d.severity();
        this.deviceId = d.deviceId();
        this.selector = d.selector().toJson();
        this.selectorTags = d.selector();
    }

    public Long getId() {
        return id;
    }

    public String getMetric() {
        return metric;
    }

    public Comparison getOp() {
        return op;
    }

    public double getThreshold() {
        return threshold;
    }

    /** The threshold the value must cross back past to clear; the threshold itself when not set. */
    public double effectiveClearThreshold() {
        return clearThreshold == null ? threshold : clearThreshold;
    }

    public Double getClearThreshold() {
        return clearThreshold;
    }

    public int getForSeconds() {
        return forSeconds;
    }

    public Severity getSeverity() {
        return severity;
    }

    public String getDeviceId() {
        return deviceId;
    }

    public Tags selector() {
        if (selectorTags == null) {
            selectorTags = Tags.fromJson(selector);
        }
        return selectorTags;
    }

    /** Whether the rule picks devices by tags, so that their tags must be read to judge it. */
    public boolean bySelector() {
        return selector != null;
    }

    /** Whether the rule applies to this device, which carries these tags. */
    public boolean appliesTo(String device, Tags deviceTags) {
        return (deviceId == null || deviceId.equals(device)) && (selector == null || selector().selects(deviceTags));
    }

    /** Human-readable condition, e.g. {@code temperature > 90}. */
    public String describe() {
        return metric + " " + op.symbol() + " " + Numbers.format(threshold);
    }

    /** Stores an op as its symbol. */
    @Converter
    public static class ComparisonColumn implements AttributeConverter<Comparison, String> {
        @Override
        public String convertToDatabaseColumn(Comparison attribute) {
            return attribute == null ? null : attribute.symbol();
        }

        @Override
        public Comparison convertToEntityAttribute(String dbData) {
            return dbData == null ? null : Comparison.fromSymbol(dbData)
                    .orElseThrow(() -> new IllegalStateException("unknown op in database: " + dbData));
        }
    }
}
