package io.curbside.api.addresses;

import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.store.ImportRepository;
import io.curbside.api.support.FileSource;
import io.curbside.api.support.InvalidFileException;
import io.curbside.geo.address.AddressNormalizer;
import io.curbside.geo.address.HouseNumber;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Replaces the city's address points with a file's, in one transaction: each row is checked and
 * normalized as it is read and copied into PostgreSQL (COPY), then one statement keeps those inside
 * the city. Any error (every one is listed, up to {@link FileErrors#LIMIT}) rolls all of it back.
 */
@Singleton
public class AddressImporter {

    private static final Logger LOG = LoggerFactory.getLogger(AddressImporter.class);
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,2})(\\.[0-9]{1,15})?");
    private static final int MAX_STREET = 200;
    private static final int MAX_SHORT = 100;
    private static final int FLUSH_BYTES = 256 * 1024;

    /** The two layouts read. */
    public enum Format {
        CSV, GEOJSON;

        /** By the file's name: {@code .csv}, else {@code .geojson} or {@code .json}. */
        static Format of(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".csv")) {
                return CSV;
            }
            if (lower.endsWith(".geojson") || lower.endsWith(".json")) {
                return GEOJSON;
            }
            throw new InvalidFileException(name, List.of("name an OpenAddresses .csv or a .geojson file"));
        }
    }

    /** What an import did. */
    public record Result(long loaded, long streets, long outside, List<OutsidePoint> outsidePoints, String sha256,
                         long bytes) {
    }

    /** A point left out: where in the file, its official id, and where it is. */
    public record OutsidePoint(String where, String officialId, double lat, double lon) {
    }

    private final AddressLoadRepository loads;
    private final ImportRepository imports;
    private final TransactionOperations<Connection> transactions;
    private final FileSource files;

    AddressImporter(AddressLoadRepository loads, ImportRepository imports,
                    TransactionOperations<Connection> transactions, FileSource files) {
        this.files = files;
        this.loads = loads;
        this.imports = imports;
        this.transactions = transactions;
    }

    /** {@code script/import addresses FILE}. */
    public Result importFile(String path) {
        Format format = Format.of(path);
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            return load(in, format, path, result -> { });
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }

    /**
     * Reads {@code in} to its end inside one transaction and replaces the addresses; {@code done}
     * runs in the same transaction (the admin route's audit line). An exception from the stream (the
     * upload's size limit) rolls it all back, as any error does.
     */
    Result load(InputStream in, Format format, String source, Consumer<Result> done) {
        return load(in, format, source, false, done);
    }

    /**
     * The demo city's addresses at start-up ({@code classpath:demo/addresses.csv}), unless addresses
     * are stored already; false when they were.
     */
    public boolean importIfEmpty(String location) {
        byte[] bytes = files.read(location).bytes();
        return load(new java.io.ByteArrayInputStream(bytes), Format.of(location), location, true, r -> { }) != null;
    }

    private Result load(InputStream in, Format format, String source, boolean onlyIfEmpty, Consumer<Result> done) {
        return transactions.executeWrite(status -> {
            imports.lock("addresses");
            if (onlyIfEmpty && !imports.isEmpty("address")) {
                return null;
            }
            if (!loads.cityLoaded()) {
                throw new ProblemException(ProblemType.OUTSIDE_JURISDICTION, "No city is loaded yet, so no address "
                        + "point can be checked against its boundary: load the jurisdiction first.");
            }
            long started = System.nanoTime();
            MessageDigest sha256 = sha256();
            Counted counted = new Counted(new DigestInputStream(in, sha256));
            FileErrors errors = new FileErrors();
            AddressLoadRepository.Copy copy = loads.copy();
            try {
                Rows rows = new Rows(copy, errors);
                if (format == Format.CSV) {
                    new OpenAddressesCsv(counted, errors).read(rows);
                } else {
                    new GeoJsonAddresses(counted, errors).read(rows);
                }
                rows.flush();
                copy.end();
                if (!errors.full()) {
                    for (AddressLoadRepository.Duplicate d : loads.duplicates(FileErrors.LIMIT)) {
                        errors.add(d.where() + (format == Format.CSV ? ".ID" : ".properties.id"),
                                "the official id \"" + d.officialId() + "\" is already used by " + d.first());
                    }
                }
                if (errors.any()) {
                    throw new InvalidFileException(source, errors.listed());
                }
                AddressLoadRepository.Replaced replaced = loads.replace();
                long outside = rows.count - replaced.loaded();
                Result result = new Result(replaced.loaded(), replaced.streets(), outside,
                        outside == 0 ? List.of() : loads.outside(FileErrors.LIMIT).stream()
                                .map(o -> new OutsidePoint(o.where(), o.officialId(), o.lat(), o.lon())).toList(),
                        HexFormat.of().formatHex(sha256.digest()), counted.count);
                done.accept(result);
                LOG.info("Loaded {} address points on {} streets from {} ({} outside the city) in {} ms",
                        result.loaded(), result.streets(), source, outside, (System.nanoTime() - started) / 1_000_000);
                return result;
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the address file", e);
            } finally {
                copy.cancel();
                copy.restore();
            }
        });
    }

    /** Checks and normalizes each row, and copies the good ones while the file has no error. */
    private static final class Rows implements Consumer<AddressRow> {
        private final AddressLoadRepository.Copy copy;
        private final FileErrors errors;
        private final StringBuilder batch = new StringBuilder(FLUSH_BYTES + 1024);
        private long count;

        Rows(AddressLoadRepository.Copy copy, FileErrors errors) {
            this.copy = copy;
            this.errors = errors;
        }

        @Override
        public void accept(AddressRow row) {
            long before = errors.count();
            double lon = coordinate(row, "LON", row.lon(), 180);
            double lat = coordinate(row, "LAT", row.lat(), 90);
            Optional<HouseNumber> number = HouseNumber.parse(row.number());
            if (number.isEmpty()) {
                errors.add(row.field("NUMBER"), row.number().isBlank() ? "is missing"
                        : "\"" + shortened(row.number()) + "\" is not a house number (12, 12A, 12 1/2)");
            }
            String writtenStreet = text(row, "STREET", row.street(), MAX_STREET);
            String street = AddressNormalizer.street(writtenStreet);
            if (row.street().isBlank()) {
                errors.add(row.field("STREET"), "is missing");
            } else if (street.isEmpty() && !writtenStreet.isEmpty()) {
                errors.add(row.field("STREET"), "has no letter or digit");
            }
            String unit = AddressNormalizer.unit(text(row, "UNIT", row.unit(), MAX_SHORT));
            String city = text(row, "CITY", row.city(), MAX_SHORT).strip();
            String postcode = text(row, "POSTCODE", row.postcode(), MAX_SHORT).strip();
            String id = text(row, "ID", row.id(), MAX_SHORT).strip();
            if (id.isEmpty()) {
                id = text(row, "HASH", row.hash(), MAX_SHORT).strip();
                if (id.isEmpty()) {
                    errors.add(row.field("ID"), "is missing, and so is HASH: each address needs its official id");
                }
            }
            if (errors.count() > before || errors.any()) {
                return;
            }
            count++;
            HouseNumber n = number.orElseThrow();
            long line = Long.parseLong(row.where().replaceAll("\\D", ""));
            batch.append(line).append('\t');
            field(row.where()).append('\t');
            field(id).append('\t');
            field(n.text()).append('\t').append(n.value()).append('\t');
            field(unit).append('\t');
            field(row.street().strip()).append('\t');
            field(street).append('\t');
            field(AddressNormalizer.full(n, street, unit)).append('\t');
            field(city).append('\t');
            field(postcode).append('\t');
            batch.append(lon).append('\t').append(lat).append('\n');
            if (batch.length() >= FLUSH_BYTES) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
                copy.write(bytes, bytes.length);
                batch.setLength(0);
            }
        }

        /** A value in COPY's text format: only the backslash needs escaping, control characters were refused. */
        private StringBuilder field(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\\') {
                    batch.append('\\');
                }
                batch.append(c);
            }
            return batch;
        }

        private double coordinate(AddressRow row, String name, String text, double max) {
            String t = text.strip();
            if (DECIMAL.matcher(t).matches()) {
                double value = Double.parseDouble(t);
                if (Math.abs(value) <= max) {
                    return value;
                }
            }
            errors.add(row.field(name), t.isEmpty() ? "is missing"
                    : "\"" + shortened(t) + "\" must be a number from -" + (int) max + " to " + (int) max
                    + " (WGS84 degrees)");
            return Double.NaN;
        }

        private String text(AddressRow row, String name, String value, int max) {
            if (value.length() > max) {
                errors.add(row.field(name), "is longer than " + max + " characters");
                return "";
            }
            for (int i = 0; i < value.length(); i++) {
                if (Character.isISOControl(value.charAt(i))) {
                    errors.add(row.field(name), "has a control character (a line break, a tab ...)");
                    return "";
                }
            }
            return value;
        }

        private static String shortened(String value) {
            return value.length() > 40 ? value.substring(0, 40) + "..." : value;
        }
    }

    /** Counts the bytes read, for the answer (the digest is taken beside it). */
    private static final class Counted extends java.io.FilterInputStream {
        long count;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
