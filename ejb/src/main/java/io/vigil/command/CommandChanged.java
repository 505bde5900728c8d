package io.vigil.command;

/** A command was sent ({@code PENDING}) or ended; published after the commit. */
public record CommandChanged(CommandView command) {
}
