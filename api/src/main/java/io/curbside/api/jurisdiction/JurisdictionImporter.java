package io.curbside.api.jurisdiction;

import io.curbside.api.support.FileSource;
import io.curbside.api.support.ImportGuard;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads a jurisdiction GeoJSON file into PostGIS, all of it or nothing. */
@Singleton
public class JurisdictionImporter {

    private static final Logger LOG = LoggerFactory.getLogger(JurisdictionImporter.class);

    private final FileSource files;
    private final JurisdictionRepository repository;
    private final ImportGuard guard;

    public JurisdictionImporter(FileSource files, JurisdictionRepository repository, ImportGuard guard) {
        this.files = files;
        this.repository = repository;
        this.guard = guard;
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

    /** Replaces the stored jurisdiction with the file's (the explicit import command). */
    @Transactional
    public Jurisdiction importFile(String location) {
        FileSource.Content content = files.read(location);
        Jurisdiction jurisdiction = JurisdictionFile.parse(content);
        guard.lock("jurisdiction");
        repository.replace(jurisdiction, content.source(), content.sha256());
        LOG.info("Imported jurisdiction {} from {} ({} layers, sha256 {})", jurisdiction.code(), content.source(),
                jurisdiction.layers().size(), content.sha256());
        return jurisdiction;
    }
}
