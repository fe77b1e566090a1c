package io.curbside.api.support;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** The parts of a multipart body, waited for on a blocking thread (never the event loop), one at a time. */
public final class MultipartParts {

    private static final long MAX_WAIT_MINUTES = 10;

    private MultipartParts() {
    }

    /**
     * Up to {@code most + 1} parts: one more than the caller takes tells it the body has too many, and the rest are
     * not read. A part that arrives once the wait is given up, and every part received when reading fails, is let go
     * with {@code discard} (on disk or in memory); {@code what} names the parts in the errors.
     */
    public static <P> List<P> collect(Publisher<P> parts, int most, Consumer<P> discard, String what) {
        CompletableFuture<List<P>> done = new CompletableFuture<>();
        List<P> received = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Subscription> subscription = new AtomicReference<>();
        parts.subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                subscription.set(s);
                s.request(1);
            }

            @Override
            public void onNext(P part) {
                synchronized (received) {
                    if (done.isDone()) {
                        // The wait was given up (or is being): nobody will read this part, so let it go at once.
                        discard.accept(part);
                        return;
                    }
                    received.add(part);
                }
                if (received.size() > most) {
                    subscription.get().cancel();
                    done.complete(received);
                } else {
                    subscription.get().request(1);
                }
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(received);
            }
        });
        try {
            return done.get(MAX_WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            received.forEach(discard);
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(what + " could not be read", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(done, subscription.get(), received, discard);
            throw new IllegalStateException("interrupted while reading " + what, e);
        } catch (TimeoutException e) {
            abandon(done, subscription.get(), received, discard);
            throw new IllegalStateException(what + " took over " + MAX_WAIT_MINUTES + " minutes to arrive", e);
        }
    }

    /** Stops the upload and frees what it had sent. */
    private static <P> void abandon(CompletableFuture<List<P>> done, Subscription subscription, List<P> received,
                                    Consumer<P> discard) {
        // Under the lock onNext takes: a part arriving now is either in the list, or sees the wait given up.
        synchronized (received) {
            done.cancel(false);
            received.forEach(discard);
        }
        if (subscription != null) {
            subscription.cancel();
        }
    }
}
