package io.vigil.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Devices that reconnect while their earlier readings are still in flight,
 * re-sending from {@code welcome.lastSeq} each time: {@code lastSeq} never goes
 * back, no batch fails, and every reading is stored exactly once.
 */
class ReconnectStormIT extends E2E {

    private static final int ROUNDS = 32;
    private final ClientManager container = ClientManager.createClient();

    @AfterEach
    void shutDown() {
        container.shutdown();
    }

    @Test
    void oneDeviceReconnectingMidStreamThirtyTwoTimesLosesAndDuplicatesNothing() throws Exception {
        StormingDevice device = new StormingDevice(api.register(Api.uniqueId("storm")), server.wsUri(), container);
        for (int round = 0; round < ROUNDS; round++) {
            device.round(WAIT);
        }
        long produced = device.finish(WAIT);
        Stored.exactlyOnceUpTo(api, device.id(), produced);
        assertEquals(produced, Stored.seqs(api, device.id()).size());
        Stored.rollUpsAgree(api, device.id());
    }

    @Test
    void twentyDevicesReconnectingMidStreamAtOnceLoseAndDuplicateNothing() throws Exception {
        List<StormingDevice> devices = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            devices.add(new StormingDevice(api.register(Api.uniqueId("storm" + i)), server.wsUri(), container));
        }
        ExecutorService threads = Executors.newFixedThreadPool(devices.size());
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (StormingDevice device : devices) {
                done.add(threads.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        device.round(WAIT);
                    }
                    return device.finish(WAIT);
                }));
            }
            for (int i = 0; i < devices.size(); i++) {
                long produced = done.get(i).get(3, TimeUnit.MINUTES);
                Stored.exactlyOnceUpTo(api, devices.get(i).id(), produced);
                assertEquals(produced, Stored.seqs(api, devices.get(i).id()).size());
                Stored.rollUpsAgree(api, devices.get(i).id());
            }
        } finally {
            threads.shutdownNow();
        }
    }

}
