package io.curbside.api;

import io.curbside.api.catalog.CatalogImporter;
import io.curbside.api.jurisdiction.JurisdictionImporter;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the configured city and catalog at start-up when the database has none yet, so a
 * fresh install serves at once and a restart never overwrites what admins edited since.
 */
@Singleton
@Requires(property = "curbside.import-on-startup", notEquals = "false")
public class StartupImports {

    private static final Logger LOG = LoggerFactory.getLogger(StartupImports.class);

    private final JurisdictionImporter jurisdiction;
    private final CatalogImporter catalog;
    private final String jurisdictionFile;
    private final String catalogFile;

    /** The files to import, from {@code curbside.catalog} and {@code curbside.jurisdiction}: paths, or {@code classpath:} resources. */
    @ConfigurationProperties("curbside")
    public record Files(String catalog, String jurisdiction) {
    }

    public StartupImports(JurisdictionImporter jurisdiction, CatalogImporter catalog, Files files) {
        this.jurisdiction = jurisdiction;
        this.catalog = catalog;
        this.jurisdictionFile = files.jurisdiction();
        this.catalogFile = files.catalog();
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        if (!jurisdiction.importIfEmpty(jurisdictionFile)) {
            LOG.info("A jurisdiction is already stored; {} was not imported", jurisdictionFile);
        }
        if (!catalog.importIfEmpty(catalogFile)) {
            LOG.info("A catalog is already stored; {} was not imported", catalogFile);
        }
    }
}
