package io.curbside.api.photos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.curbside.api.photos.TestImages.LIMITS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** One PhotoProcessor serves every request: photos processed side by side come out as they do alone. */
class ConcurrentUploadsTest {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void photosProcessedAtOnceComeOutByteForByteAsTheyDoAlone() throws Exception {
        PhotoProcessor processor = new PhotoProcessor(LIMITS);
        List<byte[]> uploads = List.of(
            TestImages.withSegments(TestImages.jpeg(TestImages.scene(900, 600)), ExifSegment.exif().orientation(6).app1()),
            TestImages.png(TestImages.scene(700, 500)),
            TestImages.resource("lossy-alpha.webp"),
            TestImages.jpeg(TestImages.scene(2000, 1500)));
        List<ProcessedPhoto> alone = new ArrayList<>();
        for (byte[] upload : uploads) {
            alone.add(processor.process(upload));
        }

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ProcessedPhoto>> results = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (byte[] upload : uploads) {
                    results.add(pool.submit((Callable<ProcessedPhoto>) () -> processor.process(upload)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                ProcessedPhoto together = results.get(i).get();
                ProcessedPhoto expected = alone.get(i % uploads.size());
                assertArrayEquals(expected.display().bytes(), together.display().bytes(), "display of upload " + i % uploads.size());
                assertArrayEquals(expected.thumbnail().bytes(), together.thumbnail().bytes(), "thumbnail of upload " + i % uploads.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
