package io.vigil.bench;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** Where the scenarios send their load: one server, one node of a cluster, or the cluster's balancer. */
interface Target {

    URI http();

    default URI ws() {
        return URI.create(http().toString().replaceFirst("^http", "ws"));
    }

    /** Live heap after a full GC, bytes per class and {@code "Total"}; measured on a single server only. */
    default Map<String, Long> liveHeap() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("the live heap is measured on a single server");
    }
}
