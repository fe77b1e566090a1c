package io.curbside.api.addresses;

import io.curbside.api.support.YamlTree;

/** The errors of an address file, every one up to a limit, then only counted. */
final class FileErrors {

    static final int LIMIT = 100;

    private final YamlTree.Problems listed = new YamlTree.Problems();
    private long count;

    void add(String field, String message) {
        count++;
        if (count <= LIMIT) {
            listed.add(field, message);
        }
    }

    boolean any() {
        return count > 0;
    }

    /** As many as are listed: reading on would find nothing more to tell. */
    boolean full() {
        return count >= LIMIT;
    }

    long count() {
        return count;
    }

    YamlTree.Problems listed() {
        return listed;
    }
}
