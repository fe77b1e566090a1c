package io.curbside.api.addresses;

import io.curbside.api.accounts.Actor;
import io.curbside.api.accounts.AuditTrail;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.support.InvalidFileException;
import io.curbside.contract.model.AddressImport;
import io.curbside.contract.model.AddressImportOutsidePointsInner;
import io.curbside.contract.model.Violation;
import jakarta.inject.Singleton;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An admin's upload of the address points: read as it arrives, within the size limit, audited. */
@Singleton
class AddressAdministration {

    private final AddressImporter importer;
    private final AuditTrail audit;
    private final long maxBytes;

    AddressAdministration(AddressImporter importer, AuditTrail audit, AddressSettings settings) {
        this.importer = importer;
        this.audit = audit;
        this.maxBytes = settings.uploadMaxBytes();
    }

    /** {@code length} is the Content-Length, or -1 for a body sent in chunks. */
    AddressImport upload(Actor admin, InputStream body, long length, AddressImporter.Format format) {
        if (length > maxBytes) {
            throw tooLarge(length + " bytes");
        }
        try {
            AddressImporter.Result result = importer.load(new Limited(body, maxBytes), format, "upload", r -> {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("sha256", r.sha256());
                details.put("bytes", r.bytes());
                details.put("loaded", r.loaded());
                details.put("outside", r.outside());
                audit.record(admin.accountId(), "addresses.replace", "addresses", details);
            });
            return new AddressImport(result.loaded(), result.streets(), result.outside(),
                    result.outsidePoints().stream().map(o -> new AddressImportOutsidePointsInner(o.where(),
                            o.officialId(), o.lat(), o.lon())).toList(), result.sha256(), result.bytes());
        } catch (InvalidFileException e) {
            List<Violation> violations = e.located().stream()
                    .map(p -> new Violation(p.path().isEmpty() ? "body" : p.path(), p.message())).toList();
            throw new ProblemException(ProblemType.INVALID_FIELDS, "The address file cannot be loaded: "
                    + e.problems().get(0) + (violations.size() > 1 ? " (and " + (violations.size() - 1)
                    + " more, listed in violations" + (violations.size() >= FileErrors.LIMIT ? ", the first "
                    + FileErrors.LIMIT + " errors" : "") + ")" : "") + ". Nothing was changed.", violations);
        }
    }

    private ProblemException tooLarge(String size) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The address file is " + size + "; the most "
                + "accepted is " + maxBytes + " bytes (CURBSIDE_ADDRESSES_MAX_BYTES). Nothing was changed; a larger "
                + "city imports with script/import addresses.");
    }

    /** Stops a body sent in chunks at the limit: the import's transaction then rolls back. */
    private final class Limited extends FilterInputStream {
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > maxBytes) {
                throw tooLarge("over " + maxBytes + " bytes");
            }
        }
    }
}
