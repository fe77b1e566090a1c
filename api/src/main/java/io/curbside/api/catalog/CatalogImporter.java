package io.curbside.api.catalog;

import io.curbside.api.i18n.Messages;
import io.curbside.api.opendata.Publisher;
import io.curbside.api.store.ImportRepository;
import io.curbside.api.support.FileSource;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.TreeSet;

/** Loads a catalog file into the database, all of it or nothing. */
@Singleton
public class CatalogImporter {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogImporter.class);

    private final FileSource files;
    private final CatalogRepository repository;
    private final ImportRepository guard;
    private final Publisher publisher;

    public CatalogImporter(FileSource files, CatalogRepository repository, ImportRepository guard, Publisher publisher) {
        this.publisher = publisher;
        this.files = files;
        this.repository = repository;
        this.guard = guard;
    }

    /**
     * Imports the file only when the database has no catalog yet, so a restart never
     * overwrites what admins have edited since. Returns whether it imported.
     */
    @Transactional
    public boolean importIfEmpty(String location) {
        guard.lock("catalog");
        if (!guard.isEmpty("service")) {
            checkLanguages(repository.snapshot().catalog().languages());
            return false;
        }
        importFile(location);
        return true;
    }

    /** Whether the database holds a catalog (imported, or made by admins). */
    @Transactional
    public boolean isStored() {
        return !guard.isEmpty("service");
    }

    /** Imports the file whatever the database holds (the explicit import command). */
    @Transactional
    public Catalog importFile(String location) {
        FileSource.Content content = files.read(location);
        Catalog catalog = CatalogFile.parse(content);
        guard.lock("catalog");
        repository.save(catalog, content.source(), content.sha256());
        publisher.publishDue();
        LOG.info("Imported catalog {} ({} services, languages {}, sha256 {})", content.source(),
                catalog.services().size(), catalog.languages(), content.sha256());
        checkLanguages(catalog.languages());
        return catalog;
    }

    /**
     * Says which of the catalog's languages Curbside's own sentences are missing in. Not a reason
     * to refuse the catalog: residents still get its texts in their language, and Curbside's few
     * sentences in English, as they would for a message a translation lacks.
     */
    private static void checkLanguages(Set<String> languages) {
        Messages messages = Messages.classpath();
        for (String language : new TreeSet<>(languages)) {
            if (!messages.speaks(language)) {
                LOG.warn("The catalog offers language \"{}\", but there is no messages/messages_{}.properties: Curbside's "
                        + "own sentences (next steps, timeline, e-mails) will be in English for it", language, language);
            }
        }
        Set<String> unused = new TreeSet<>(messages.languages());
        unused.removeIf(file -> languages.stream().anyMatch(l -> l.equals(file) || l.startsWith(file + "-")));
        if (!unused.isEmpty()) {
            LOG.info("Message files for {} are not used: the catalog does not offer those languages", unused);
        }
    }
}
