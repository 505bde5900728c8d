package io.vigil.notification;

import io.vigil.alert.Severity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Where notifications go: a webhook URL or an email address, and the lowest
 * severity it wants to hear of. The shared secret of a webhook signs its
 * bodies and is never shown again once set.
 */
@Entity
@Table(name = "notification_channel")
public class Channel {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(nullable = false, length = 16)
    @Enumerated(EnumType.STRING)
    private ChannelType type;

    /** The URL of a webhook, the address of an email channel. */
    @Column(nullable = false, length = 2000)
    private String target;

    @Column(length = 200)
    private String secret;

    @Column(name = "min_severity", nullable = false, length = 16)
    @Enumerated(EnumType.STRING)
    private Severity minSeverity;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected Channel() {
    }

    Channel(ChannelDefinition definition, long createdAt) {
        this.createdAt = createdAt;
        update(definition);
    }

    /** Replaces every field but the id; a definition without a secret keeps the one set before. */
    final void update(ChannelDefinition d) {
        name = d.name();
        type = d.type();
        target = d.target();
        if (d.secret() != null) {
            secret = d.secret().isEmpty() ? null : d.secret();
        }
        minSeverity = d.minSeverity();
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public ChannelType getType() {
        return type;
    }

    public String getTarget() {
        return target;
    }

    public String getSecret() {
        return secret;
    }

    public Severity getMinSeverity() {
        return minSeverity;
    }

    public ChannelView view() {
        return new ChannelView(id, name, type.name().toLowerCase(java.util.Locale.ROOT),
                type == ChannelType.WEBHOOK ? target : null, type == ChannelType.EMAIL ? target : null,
                minSeverity.name(), secret != null, createdAt);
    }
}
