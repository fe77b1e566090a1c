package io.curbside.api.photos;

import org.junit.jupiter.api.Test;

import java.io.EOFException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UploadInputStreamTest {

    @Test
    void readsTheUploadAsAnImageInputStream() throws Exception {
        UploadInputStream in = new UploadInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});

        assertEquals(9, in.length());
        assertEquals(0x01020304, in.readInt());
        in.seek(7);
        byte[] rest = new byte[4];
        assertEquals(2, in.read(rest, 0, 4));
        assertArrayEquals(new byte[] {8, 9, 0, 0}, rest);
        assertEquals(-1, in.read());
        in.seek(1);
        assertEquals(2, in.read());
    }

    @Test
    void aDecoderThatKeepsReadingPastTheEndIsStoppedWithAnUncheckedException() throws Exception {
        UploadInputStream in = new UploadInputStream(new byte[] {1, 2, 3});
        in.seek(3);
        for (int i = 0; i < 4096; i++) {
            assertThrows(EOFException.class, in::readLong);
        }

        IllegalStateException e = assertThrows(IllegalStateException.class, in::readByte);

        assertEquals("the decoder read past the end of the upload 4097 times", e.getMessage());
    }
}
