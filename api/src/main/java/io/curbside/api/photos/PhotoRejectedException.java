package io.curbside.api.photos;

/** Why an uploaded photo was refused, in words a resident can read ("is a HEIC photo..."). */
public class PhotoRejectedException extends Exception {

    /** The kinds of refusal, each answered with its own status. */
    public enum Reason {
        /** Not a JPEG, PNG or WebP, whatever its name or declared type said (415). */
        UNSUPPORTED_TYPE,
        /** More bytes than {@link PhotoLimits#maxBytes()} (413). */
        TOO_MANY_BYTES,
        /** More pixels than {@link PhotoLimits#maxPixels()} (413). */
        TOO_MANY_PIXELS,
        /** Looks like a supported type but cannot be decoded: truncated or corrupt (422). */
        UNREADABLE
    }

    private final Reason reason;

    public PhotoRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PhotoRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
