package io.vigil.client.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Plausible readings of a pump: a temperature that drifts around its set
 * point and now and then spikes past 90 (so threshold rules fire and clear),
 * a pressure that swings with the pump's cycle plus noise, and a battery
 * that drains and is recharged.
 */
final class Signals {

    private final Random random;
    private final double setPoint;
    private double temperature;
    private double battery;
    private int spikeLeft;
    private long step;

    Signals(long seed) {
        random = new Random(seed);
        setPoint = 50 + random.nextDouble() * 15;
        temperature = setPoint;
        battery = 60 + random.nextDouble() * 40;
    }

    Map<String, Double> next() {
        step++;
        if (spikeLeft > 0) {
            spikeLeft--;
            temperature += (95 - temperature) * 0.5;
        } else {
            temperature += (setPoint - temperature) * 0.05 + random.nextGaussian() * 0.4;
            if (random.nextDouble() < 0.002) {
                spikeLeft = 5 + random.nextInt(20);
            }
        }
        battery -= 0.01 + random.nextDouble() * 0.01;
        if (battery < 15) {
            battery = 100;
        }
        double pressure = 4.0 + Math.sin(step / 30.0) * 0.6 + random.nextGaussian() * 0.05;
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("temperature", round(temperature));
        metrics.put("pressure", round(pressure));
        metrics.put("battery", round(battery));
        return metrics;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
