import org.flywaydb.core.Flyway;

/**
 * Migrates one database with Flyway, as the app does at start-up, from each location in turn:
 * {@code java -cp APP_JAR Migrate.java JDBC_URL LOCATION...}, login from CURBSIDE_DATABASE_USER
 * and _PASSWORD. script/check-migrations runs it with the app's own Flyway.
 */
class Migrate {

    public static void main(String[] args) {
        String user = System.getenv().getOrDefault("CURBSIDE_DATABASE_USER", "postgres");
        String password = System.getenv().getOrDefault("CURBSIDE_DATABASE_PASSWORD", "");
        for (int i = 1; i < args.length; i++) {
            Flyway.configure().dataSource(args[0], user, password).locations(args[i]).load().migrate();
        }
    }
}
