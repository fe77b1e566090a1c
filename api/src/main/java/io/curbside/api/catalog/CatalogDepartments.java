package io.curbside.api.catalog;

import io.curbside.api.accounts.Departments;
import jakarta.inject.Singleton;

/** The catalog's departments, for the role grants of accounts. */
@Singleton
class CatalogDepartments implements Departments {

    private final CatalogService catalog;

    CatalogDepartments(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public boolean exists(String code) {
        return catalog.view(null, null).catalog().hasDepartment(code);
    }
}
