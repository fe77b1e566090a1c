package io.curbside.api.catalog;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.curbside.api.StartupImports;
import io.curbside.api.testing.DatabaseTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog's languages are checked against Curbside's message files on every import and at start-up. */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogLanguagesTest extends DatabaseTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @Inject
    CatalogImporter importer;

    @Inject
    StartupImports startup;

    @Inject
    ApplicationContext context;

    @BeforeEach
    void listen() {
        logged.start();
        ((Logger) LoggerFactory.getLogger(CatalogImporter.class)).addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(CatalogImporter.class)).detachAppender(logged);
    }

    @Test
    @Order(1)
    void theDemoCatalogsLanguagesAllHaveMessagesSoStartUpWarnsOfNone() {
        startup.onStartup(new StartupEvent(context));
        assertEquals(List.of(), said(Level.WARN));
    }

    @Test
    @Order(2)
    void aCatalogLanguageWithoutMessagesIsNamedOnImportAndAgainAtStartUp() {
        importer.importFile("classpath:io/curbside/api/catalog/somali-catalog.yaml");
        List<String> warnings = said(Level.WARN);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("\"so\"") && warnings.get(0).contains("messages_so.properties")
                && warnings.get(0).contains("English"), warnings.get(0));
        assertTrue(said(Level.INFO).contains("Message files for [es, hmn, vi, zh] are not used: the catalog does not "
                + "offer those languages"), said(Level.INFO).toString());

        logged.list.clear();
        startup.onStartup(new StartupEvent(context));
        assertEquals(warnings, said(Level.WARN), "the stored catalog is checked at start-up");
    }

    private List<String> said(Level level) {
        return logged.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }
}
