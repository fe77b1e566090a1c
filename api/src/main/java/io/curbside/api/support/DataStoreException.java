package io.curbside.api.support;

import java.sql.SQLException;

/** A database failure in a repository; the cause chain is kept so outages answer 503. */
public class DataStoreException extends RuntimeException {

    public DataStoreException(String what, SQLException cause) {
        super(what + " failed: " + cause.getMessage(), cause);
    }
}
