package io.vigil.engine;

/**
 * Receives progress of a hunt so that a front end can show it (a terminal status line, a service's
 * job status). Called from the hunting thread; implementations must be cheap and rate-limit themselves.
 */
public interface HuntProgress {
    HuntProgress NONE = new HuntProgress() {
        @Override
        public void update(long files, long events, String currentPath) {}

        @Override
        public void done() {}
    };

    void update(long files, long events, String currentPath);

    void done();
}
