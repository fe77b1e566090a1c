package io.curbside.api.open311;

import io.curbside.api.photos.PhotoService;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.support.MultipartParts;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a multipart Open311 POST (the v2.1 draft's media upload): its text parts are the form's fields,
 * its file parts named {@code media} the photos, at most {@link #MAX_MEDIA}, each refused before it is
 * read when over the photo size limit. Parts are taken one at a time, so a form that does not end is
 * cut at the first part too many rather than buffered.
 */
@Singleton
class Open311Multipart {

    static final int MAX_MEDIA = 5;
    static final String MEDIA = "media";

    private final PhotoService photos;

    Open311Multipart(PhotoService photos) {
        this.photos = photos;
    }

    /** The form's fields and its media, in the order sent. */
    record Read(Open311Form form, List<byte[]> media) {
    }

    Read read(Publisher<CompletedPart> parts) {
        List<CompletedPart> received = collect(parts);
        int handled = 0;
        try {
            Open311Form form = new Open311Form();
            List<byte[]> media = new ArrayList<>();
            for (CompletedPart part : received) {
                handled++;
                if (part instanceof CompletedFileUpload file && MEDIA.equals(part.getName())) {
                    if (media.size() == MAX_MEDIA) {
                        throw ProblemException.invalidParameter(MEDIA, "is sent more than " + MAX_MEDIA + " times");
                    }
                    photos.refuseIfTooLarge(media.size(), file.getSize());
                    media.add(bytes(part));
                } else if (part instanceof CompletedFileUpload) {
                    throw ProblemException.invalidParameter(part.getName(), "is a file; only media parts may be");
                } else {
                    form.add(part.getName(), text(bytes(part)));
                }
            }
            return new Read(form, media);
        } finally {
            received.subList(handled, received.size()).forEach(Open311Multipart::discard);
        }
    }

    private static byte[] bytes(CompletedPart part) {
        try {
            return part.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a part of an Open311 form", e);
        }
    }

    private static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(ProblemType.INVALID_BODY, "A field of the form is not UTF-8.");
        }
    }

    private static void discard(CompletedPart part) {
        if (part instanceof CompletedFileUpload file) {
            file.discard();
        }
    }

    /** The parts, at most one more than a form may hold: more is a 400 before any is read. */
    private static List<CompletedPart> collect(Publisher<CompletedPart> parts) {
        int most = Open311Form.MAX_FIELDS + MAX_MEDIA;
        List<CompletedPart> all = MultipartParts.collect(parts, most, Open311Multipart::discard, "the form");
        if (all.size() > most) {
            all.forEach(Open311Multipart::discard);
            throw new ProblemException(ProblemType.INVALID_BODY, "The form has more than " + most + " parts.");
        }
        return all;
    }
}
