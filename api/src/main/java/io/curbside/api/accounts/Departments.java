package io.curbside.api.accounts;

/**
 * The city's departments as far as role grants need them. The catalog owns departments and
 * answers this; accounts ask through it so that they need not know the catalog, which itself
 * needs accounts to name who changed it.
 */
public interface Departments {

    /** Whether the current catalog has a department with this code; inside the caller's transaction. */
    boolean exists(String code);
}
