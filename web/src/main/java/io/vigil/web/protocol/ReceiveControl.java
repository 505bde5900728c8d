package io.vigil.web.protocol;

/** Stops and restarts reading frames from one WebSocket peer (see {@link ReceivePause}). */
public interface ReceiveControl {

    /** Where a socket cannot be paused: the per-device bound closes a flooding device instead. */
    ReceiveControl NONE = new ReceiveControl() {
        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }
    };

    void pause();

    void resume();
}
