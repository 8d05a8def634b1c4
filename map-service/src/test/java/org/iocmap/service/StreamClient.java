package org.iocmap.service;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Receives the events of {@code /api/stream} as a client would, over SSE or WebSocket, in one shape for both: the kind
 * of event, the change id, and the feature id, feature or snapshot features it carries.
 */
abstract class StreamClient implements AutoCloseable {
    /** One received event; {@code features} only for snapshots, {@code feature} only for added and changed. */
    record Event(String event, Long id, Long featureId, JsonObject feature, JsonArray features, JsonObject raw) {
        @Override
        public String toString() {
            return event + (id == null ? "" : "#" + id) + (featureId == null ? "" : " feature " + featureId);
        }
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    /** Queues an event; called by the transport's reader. */
    protected void received(Event event) {
        events.add(event);
    }

    /** Returns the next event, failing the test when none arrives within {@code timeout}. */
    Event next(Duration timeout) {
        try {
            Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + timeout + " on " + this);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Event next() {
        return next(Duration.ofSeconds(15));
    }

    /** Returns every event up to and including the first {@code ready}. */
    List<Event> untilReady() {
        List<Event> received = new ArrayList<>();
        Event event;
        do {
            event = next();
            received.add(event);
        } while (!event.event().equals("ready"));
        return received;
    }

    /** Returns the events that arrive within {@code quiet}, waiting that long after the last one. */
    List<Event> drain(Duration quiet) {
        List<Event> received = new ArrayList<>();
        try {
            Event event;
            while ((event = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                received.add(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return received;
    }

    @Override
    public abstract void close();
}
