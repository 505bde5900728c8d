package io.vigil.web.protocol;

/** Stops and restarts reading frames from one WebSocket peer (see {@link ReceivePause}). */
public interface ReceiveControl {

    void pause();

    void resume();
}
