package io.curbside.api.jurisdiction;

import io.curbside.api.store.ImportRepository;
import io.curbside.api.support.FileSource;
import io.curbside.api.support.InvalidFileException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/** Loads a jurisdiction GeoJSON file into PostGIS, all of it or nothing. */
@Singleton
public class JurisdictionImporter {

    private static final Logger LOG = LoggerFactory.getLogger(JurisdictionImporter.class);

    private final FileSource files;
    private final JurisdictionRepository repository;
    private final ImportRepository guard;
    private final JurisdictionLoadRepository loads;
    private final String routingLayer;

    public JurisdictionImporter(FileSource files, JurisdictionRepository repository, ImportRepository guard,
                                JurisdictionLoadRepository loads,
                                RoutingSettings routing) {
        this.files = files;
        this.repository = repository;
        this.guard = guard;
        this.loads = loads;
        this.routingLayer = routing.districtLayer();
    }

    /**
     * The file's jurisdiction, checked whole (the routing layer there, its districts apart), and its
     * warnings; throws {@link InvalidFileException}.
     */
    public JurisdictionFile.Checked check(FileSource.Content content) {
        return JurisdictionFile.parse(content, routingLayer);
    }

    /** Imports only when no jurisdiction is stored yet; returns whether it imported. */
    @Transactional
    public boolean importIfEmpty(String location) {
        guard.lock("jurisdiction");
        if (!guard.isEmpty("jurisdiction")) {
            return false;
        }
        importFile(location);
        return true;
    }

    /** Whether the database holds a jurisdiction. */
    @Transactional
    public boolean isStored() {
        return !guard.isEmpty("jurisdiction");
    }

    /** Replaces the stored jurisdiction with the file's (the explicit import command). */
    @Transactional
    public Jurisdiction importFile(String location) {
        FileSource.Content content = files.read(location);
        JurisdictionFile.Checked checked = check(content);
        checked.warnings().forEach(w -> LOG.warn("{}: {}", content.source(), w.message()));
        return store(checked.jurisdiction(), content, null).jurisdiction();
    }

    /**
     * Replaces the stored city and every layer with a checked file's, and records the load in the
     * jurisdiction history ({@code actor} null for a file import). All or nothing: the caller's
     * transaction, or one of its own.
     */
    @Transactional
    public Loaded store(Jurisdiction jurisdiction, FileSource.Content content, UUID actor) {
        guard.lock("jurisdiction");
        repository.replace(jurisdiction, content.source(), content.sha256());
        JurisdictionLoadRepository.Load load = loads.record(jurisdiction, content, actor);
        LOG.info("Loaded jurisdiction {} from {} ({} layers, sha256 {})", jurisdiction.code(), content.source(),
                jurisdiction.layers().size(), content.sha256());
        return new Loaded(jurisdiction, load);
    }

    /** A jurisdiction just stored, and its entry in the history. */
    public record Loaded(Jurisdiction jurisdiction, JurisdictionLoadRepository.Load load) {
    }
}
