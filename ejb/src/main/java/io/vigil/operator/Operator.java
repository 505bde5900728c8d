package io.vigil.operator;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person who signs in; WildFly Elytron reads the same row to check the password and get the role. */
@Entity
@Table(name = "operator")
public class Operator {

    @Id
    private String username;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false)
    private String role;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    protected Operator() {
    }

    Operator(String username, String passwordHash, OperatorRole role, long createdAt, String createdBy) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role.roleName();
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    String passwordHash() {
        return passwordHash;
    }

    void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    OperatorView view() {
        return new OperatorView(username, role, createdAt, createdBy);
    }
}
