package io.curbside.api;

import io.curbside.api.addresses.AddressImporter;
import io.curbside.api.catalog.CatalogImporter;
import io.curbside.api.jurisdiction.JurisdictionImporter;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the configured city and catalog at start-up when the database has none yet, so a
 * fresh install serves at once and a restart never overwrites what admins edited since. The
 * bundled demo is loaded only when asked for ({@code CURBSIDE_DEMO_CITY}): a city that forgot to
 * name its files must not find itself serving a made-up city's services and districts.
 */
@Singleton
@Requires(property = "curbside.import-on-startup", notEquals = "false")
public class StartupImports {

    private static final Logger LOG = LoggerFactory.getLogger(StartupImports.class);
    static final String DEMO_CATALOG = "classpath:demo/catalog.yaml";
    static final String DEMO_JURISDICTION = "classpath:demo/jurisdiction.geojson";
    /** Made by script/lib/SyntheticAddresses.java along a grid of streets over the demo city. */
    static final String DEMO_ADDRESSES = "classpath:demo/addresses.csv";

    private final JurisdictionImporter jurisdiction;
    private final CatalogImporter catalog;
    private final AddressImporter addresses;
    private final boolean demoAddresses;
    private final String jurisdictionFile;
    private final String catalogFile;

    /**
     * The files to import, from {@code curbside.catalog} and {@code curbside.jurisdiction}: paths, or
     * {@code classpath:} resources; empty: none, or the demo's with {@code curbside.demo-city}.
     */
    @ConfigurationProperties("curbside")
    public record Files(@Nullable String catalog, @Nullable String jurisdiction, boolean demoCity,
                        boolean demoAddresses) {
    }

    public StartupImports(JurisdictionImporter jurisdiction, CatalogImporter catalog, AddressImporter addresses,
                          Files files) {
        this.jurisdiction = jurisdiction;
        this.catalog = catalog;
        this.addresses = addresses;
        this.demoAddresses = files.demoCity() && files.demoAddresses();
        this.jurisdictionFile = chosen(files.jurisdiction(), files.demoCity(), DEMO_JURISDICTION);
        this.catalogFile = chosen(files.catalog(), files.demoCity(), DEMO_CATALOG);
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        if (jurisdictionFile == null) {
            if (!jurisdiction.isStored()) {
                LOG.warn("No city loaded: CURBSIDE_JURISDICTION is not set (CURBSIDE_DEMO_CITY=true would load the "
                        + "demo city). No report can be placed until an admin uploads one (PUT /v1/admin/jurisdiction, "
                        + "or script/import jurisdiction FILE).");
            }
        } else if (!jurisdiction.importIfEmpty(jurisdictionFile)) {
            LOG.info("A jurisdiction is already stored; {} was not imported", jurisdictionFile);
        }
        if (catalogFile == null) {
            if (!catalog.isStored()) {
                LOG.warn("No catalog loaded: CURBSIDE_CATALOG is not set (CURBSIDE_DEMO_CITY=true would load the demo "
                        + "catalog). No service is offered until an admin adds some (PUT /v1/admin/services/{code}, or "
                        + "script/import catalog FILE).");
            }
        } else if (!catalog.importIfEmpty(catalogFile)) {
            LOG.info("A catalog is already stored; {} was not imported", catalogFile);
        }
        // The demo city's address points go with the demo city only: a city's own are its GIS
        // office's file (script/import addresses, PUT /v1/admin/addresses).
        if (demoAddresses && DEMO_JURISDICTION.equals(jurisdictionFile) && !addresses.importIfEmpty(DEMO_ADDRESSES)) {
            LOG.info("Address points are already stored; {} was not imported", DEMO_ADDRESSES);
        }
    }

    /** The configured file; else the demo's when asked for; else none (null). */
    @Nullable
    private static String chosen(@Nullable String configured, boolean demo, String demoFile) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return demo ? demoFile : null;
    }
}
