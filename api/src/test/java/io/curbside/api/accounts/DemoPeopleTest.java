package io.curbside.api.accounts;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.curbside.api.testing.DatabaseTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo people with a city's own catalog that lacks some of the demo's departments: start-up
 * goes on, those people are left out whole (no account without its roles), and the log says so.
 */
@MicronautTest(transactional = false)
class DemoPeopleTest extends DatabaseTest {

    private static final ListAppender<ILoggingEvent> LOGGED = listen();

    @Override
    protected Map<String, String> extraProperties() {
        // Streets, but no code-enforcement department.
        return Map.of("curbside.catalog", "classpath:io/curbside/api/catalog/two-services.yaml",
                "curbside.demo-users", "true");
    }

    @Test
    void peopleWhoseDepartmentsTheCatalogLacksAreSkippedAndNamed() throws Exception {
        List<String> accounts = new ArrayList<>();
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("""
                SELECT a.email, count(g.*) FROM account a LEFT JOIN account_role g ON g.account_id = a.id
                GROUP BY a.email ORDER BY a.email""")) {
            while (rs.next()) {
                accounts.add(rs.getString(1) + " " + rs.getInt(2));
            }
        }
        assertEquals(List.of("liaison@demo.curbside.test 1", "resident@demo.curbside.test 0",
                "streets@demo.curbside.test 1"), accounts);
        List<String> warnings = LOGGED.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(List.of("Demo person Cory Code not made: the catalog has no department [code-enforcement]"), warnings);
    }

    private static ListAppender<ILoggingEvent> listen() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(AccountBootstrap.class)).addAppender(appender);
        return appender;
    }
}
