package io.curbside.api;

import io.curbside.api.addresses.AddressImporter;
import io.curbside.api.catalog.CatalogImporter;
import io.curbside.api.jurisdiction.JurisdictionImporter;
import io.curbside.api.opendata.Republisher;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.support.InvalidFileException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

import java.util.Map;

/**
 * Starts the Curbside HTTP server; or with {@code import catalog|jurisdiction|addresses FILE} imports a file; or with
 * {@code republish} rebuilds the published dataset.
 */
public final class Application {

    private static final String USAGE = "usage: curbside [import catalog|jurisdiction|addresses FILE | republish]";

    private Application() {
    }

    public static void main(String[] args) {
        // Checked before anything logs: an unknown format would leave logback with no appender,
        // silencing every line, errors included.
        String logFormat = System.getenv("CURBSIDE_LOG_FORMAT");
        if (logFormat != null && !logFormat.equals("text") && !logFormat.equals("json")) {
            System.err.println("CURBSIDE_LOG_FORMAT must be text or json, not \"" + logFormat + "\"");
            System.exit(2);
        }
        if (args.length > 0 && args[0].equals("import")) {
            System.exit(importFile(args));
        }
        if (args.length > 0 && args[0].equals("republish")) {
            System.exit(republish(args));
        }
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }

    /** Rebuilds the published dataset without serving (after the cell size or a policy changed), and exits. */
    private static int republish(String[] args) {
        if (args.length != 1) {
            System.err.println(USAGE);
            return 2;
        }
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("curbside.import-on-startup", "false"))
                .start()) {
            System.out.println("Republished " + context.getBean(Republisher.class).republishAll() + " requests");
            return 0;
        }
    }

    /** Imports without serving: migrates the database, loads the file, and exits. */
    private static int importFile(String[] args) {
        if (args.length != 3 || !(args[1].equals("catalog") || args[1].equals("jurisdiction")
                || args[1].equals("addresses"))) {
            System.err.println(USAGE);
            return 2;
        }
        try (ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of("curbside.import-on-startup", "false"))
                .start()) {
            if (args[1].equals("catalog")) {
                int services = context.getBean(CatalogImporter.class).importFile(args[2]).services().size();
                System.out.println("Imported " + services + " services from " + args[2]);
            } else if (args[1].equals("addresses")) {
                var result = context.getBean(AddressImporter.class).importFile(args[2]);
                System.out.println("Imported " + result.loaded() + " address points on " + result.streets()
                        + " streets from " + args[2] + (result.outside() == 0 ? "" : "; " + result.outside()
                        + " outside the city were left out, the first at " + result.outsidePoints().get(0).where()));
            } else {
                var jurisdiction = context.getBean(JurisdictionImporter.class).importFile(args[2]);
                System.out.println("Imported " + jurisdiction.code() + " with " + jurisdiction.layers().size()
                        + " district layers from " + args[2]);
            }
            return 0;
        } catch (InvalidFileException e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (ProblemException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }
}
