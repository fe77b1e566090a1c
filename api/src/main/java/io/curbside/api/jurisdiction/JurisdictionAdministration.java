package io.curbside.api.jurisdiction;

import io.curbside.api.accounts.Actor;
import io.curbside.api.accounts.AuditTrail;
import io.curbside.api.problem.ProblemException;
import io.curbside.api.problem.ProblemType;
import io.curbside.api.support.FileSource;
import io.curbside.api.support.InvalidFileException;
import io.curbside.api.support.KeysetPage;
import io.curbside.api.support.PageCursor;
import io.curbside.contract.model.JurisdictionHistory;
import io.curbside.contract.model.JurisdictionUpload;
import io.curbside.contract.model.JurisdictionUploadLayersInner;
import io.curbside.contract.model.JurisdictionWarning;
import io.curbside.contract.model.JurisdictionWarningKind;
import io.curbside.contract.model.Violation;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admins replace the city and its district layers by uploading a GeoJSON file: checked whole
 * first, then stored in one transaction with its history entry and its audit line.
 */
@Singleton
class JurisdictionAdministration {

    /** What the history calls an admin's upload, where a file import names its path. */
    static final String UPLOAD = "upload";

    private final JurisdictionImporter importer;
    private final JurisdictionLoadRepository loads;
    private final AuditTrail audit;
    private final TransactionOperations<Connection> transactions;

    JurisdictionAdministration(JurisdictionImporter importer, JurisdictionLoadRepository loads, AuditTrail audit,
                               TransactionOperations<Connection> transactions) {
        this.importer = importer;
        this.loads = loads;
        this.audit = audit;
        this.transactions = transactions;
    }

    JurisdictionUpload upload(Actor admin, byte[] geojson) {
        FileSource.Content content = FileSource.Content.of(UPLOAD, geojson);
        // Checked before the transaction: no connection is held while a large file is parsed.
        JurisdictionFile.Checked checked = checked(content);
        Jurisdiction jurisdiction = checked.jurisdiction();
        JurisdictionUpload answer = transactions.executeWrite(s -> {
            JurisdictionImporter.Loaded loaded = importer.store(jurisdiction, content, admin.accountId());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("sha256", content.sha256());
            details.put("bytes", geojson.length);
            details.put("layers", loaded.load().layers());
            audit.record(admin.accountId(), "jurisdiction.replace", jurisdiction.code(), details);
            return upload(loaded.load());
        });
        answer.setWarnings(checked.warnings().stream().map(JurisdictionAdministration::warning).toList());
        return answer;
    }

    private static JurisdictionWarning warning(LayerCoverage.Warning w) {
        JurisdictionWarning warning = new JurisdictionWarning(JurisdictionWarningKind.valueOf(w.kind().name()),
                w.layer(), Math.round(w.squareMetres()), w.message());
        warning.setDistricts(w.districts());
        if (w.point() != null) {
            warning.setLat(w.point().lat());
            warning.setLon(w.point().lon());
        }
        return warning;
    }

    private JurisdictionFile.Checked checked(FileSource.Content content) {
        try {
            return importer.check(content);
        } catch (InvalidFileException e) {
            List<Violation> violations = e.located().stream()
                    .map(p -> new Violation(p.path().isEmpty() ? "body" : p.path(), p.message()))
                    .toList();
            throw new ProblemException(ProblemType.INVALID_FIELDS, "The GeoJSON file cannot be loaded: "
                    + e.problems().get(0) + (violations.size() > 1 ? " (and " + (violations.size() - 1)
                    + " more, listed in violations)" : "") + ". Nothing was changed.", violations);
        }
    }

    JurisdictionHistory history(String cursor, int limit) {
        PageCursor after = PageCursor.parse(cursor);
        KeysetPage<JurisdictionLoadRepository.Load> page = KeysetPage.read(limit, rows -> transactions.executeRead(s ->
                loads.page(after == null ? null : after.asLong(), rows)), JurisdictionLoadRepository.Load::id);
        JurisdictionHistory history = new JurisdictionHistory(page.rows().stream().map(this::upload).toList());
        history.setNextCursor(page.nextCursor());
        return history;
    }

    private JurisdictionUpload upload(JurisdictionLoadRepository.Load load) {
        JurisdictionUpload upload = new JurisdictionUpload(load.id(), load.code(), load.name().englishFirst(),
                load.sha256(), load.source(),
                load.layers().entrySet().stream().map(e -> new JurisdictionUploadLayersInner(e.getKey(), e.getValue()))
                        .toList(),
                load.at().atZone(ZoneOffset.UTC));
        upload.setActor(load.actor());
        upload.setBytes(load.bytes());
        return upload;
    }
}
