package io.vigil.web.device;

/**
 * How this node reaches device connections held by other nodes. A single
 * node has none; in a cluster the event bus implements it (the cluster
 * package depends on this one, never the other way), so that a device has one
 * connection cluster-wide and a command reaches it wherever it is connected.
 */
public interface ClusterRoute {

    /** This node now holds the device's connection, opened at {@code connectedAt}: older ones elsewhere close. */
    void connectedHere(String deviceId, long connectedAt);

    /** Hands a command to the node that holds the device's connection; false when no other node does. */
    boolean sendElsewhere(String deviceId, CommandDispatcher.Command command);
}
