package io.curbside.api.photos;

import javax.imageio.stream.ImageInputStreamImpl;
import java.io.IOException;
import java.util.Objects;

/**
 * An upload's bytes as an ImageIO stream that stops answering once a decoder keeps reading past the end.
 * TwelveMonkeys' WebP bit reader catches every EOFException and reads on, so a cut-off 50-byte lossless WebP
 * can spin a CPU for ever; an unchecked exception is the one signal it does not swallow.
 */
final class UploadInputStream extends ImageInputStreamImpl {

    // A decoder finishing a valid file looks past its end a few dozen times at most (prefetching a whole long).
    private static final int READS_PAST_END_ALLOWED = 4096;

    private final byte[] bytes;
    private int readsPastEnd;

    UploadInputStream(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        if (streamPos >= bytes.length) {
            return pastTheEnd();
        }
        return bytes[(int) streamPos++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        checkClosed();
        Objects.checkFromIndexSize(offset, length, buffer.length);
        bitOffset = 0;
        if (length == 0) {
            return 0;
        }
        if (streamPos >= bytes.length) {
            return pastTheEnd();
        }
        int n = (int) Math.min(length, bytes.length - streamPos);
        System.arraycopy(bytes, (int) streamPos, buffer, offset, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return bytes.length;
    }

    private int pastTheEnd() {
        if (++readsPastEnd > READS_PAST_END_ALLOWED) {
            throw new IllegalStateException("the decoder read past the end of the upload " + readsPastEnd + " times");
        }
        return -1;
    }
}
