package io.curbside.api.opendata;

import io.curbside.contract.model.GeneralizedLocation;
import io.curbside.contract.model.PrivacyClass;
import io.curbside.geo.LatLon;
import io.curbside.geo.LocationGeneralizer;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What of a request the public may see, by its service's privacy class: the one place that
 * decides, so that no public route can publish an exact point or unscrubbed text.
 *
 * <ul>
 *   <li>{@code open}: location snapped to the public grid (about 100 m), scrubbed text;</li>
 *   <li>{@code limited}: location on the public grid, no text;</li>
 *   <li>{@code sensitive}: location on the coarse grid (about 500 m), no text, times to the day;</li>
 *   <li>{@code withheld}: neither, and no row in the published dataset.</li>
 * </ul>
 */
@Singleton
public class PublicationPolicy {

    private final LocationGeneralizer grid;
    private final LocationGeneralizer coarse;

    public PublicationPolicy(PublicationSettings settings) {
        this.grid = new LocationGeneralizer(settings.cellMetres());
        this.coarse = new LocationGeneralizer(settings.sensitiveCellMetres());
    }

    public Optional<GeneralizedLocation> location(LatLon exact, PrivacyClass privacy) {
        LocationGeneralizer generalizer = switch (privacy) {
            case OPEN, LIMITED -> grid;
            case SENSITIVE -> coarse;
            case WITHHELD -> null;
        };
        if (generalizer == null || exact == null) {
            return Optional.empty();
        }
        LatLon cell = generalizer.snap(exact);
        return Optional.of(new GeneralizedLocation(cell.lat(), cell.lon(), (int) Math.round(generalizer.cellMetres())));
    }

    /** The text as it may be published, without the names given (the reporter's), if its class publishes text. */
    public Optional<String> text(String text, PrivacyClass privacy, List<String> names) {
        if (privacy != PrivacyClass.OPEN || text == null || text.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(TextScrubber.scrub(text, names)).filter(t -> !t.isBlank());
    }

    /**
     * A request's description as the public reads it, on the status page and in the published
     * dataset alike. An erased reporter's own words were scrubbed of their name as their account went
     * (AccountRepository.erase; V33 emptied those erased before), so the erasure changes nothing public.
     */
    public Optional<String> description(String text, PrivacyClass privacy, String reporterName, boolean reporterErased) {
        return note(text, privacy, reporterErased ? null : reporterName);
    }

    /**
     * A staff note as the public reads it, wherever it goes (status view, updates feed, e-mail,
     * webhooks): under the rule of descriptions, scrubbed of contact details, addresses and the
     * reporter's name, and none once the reporter erased their account, since staff may have
     * written that name and it can no longer be scrubbed. A class that publishes no text shows no
     * note: the event's title, the standard wording of the change, stands alone.
     */
    public Optional<String> note(String note, PrivacyClass privacy, String reporterName, boolean reporterErased) {
        return reporterErased ? Optional.empty() : note(note, privacy, reporterName);
    }

    /** A text scrubbed of contact details, addresses and the reporter's name, if its class publishes text. */
    Optional<String> note(String note, PrivacyClass privacy, String reporterName) {
        return text(note, privacy, reporterName == null ? List.of() : List.of(reporterName));
    }

    /**
     * Whether webhook subscribers are told of this class's public events. Not of withheld ones:
     * that such a request exists, where it went and when, is itself what the class keeps private.
     */
    public boolean announced(PrivacyClass privacy) {
        return privacy != PrivacyClass.WITHHELD;
    }

    /** The cell size of the classes that are listed (open and limited), in metres. */
    public double listedCellMetres() {
        return grid.cellMetres();
    }

    /** Whether requests of this class may be listed to the public at all (nearby search, open data). */
    public boolean listable(PrivacyClass privacy) {
        return privacy == PrivacyClass.OPEN || privacy == PrivacyClass.LIMITED;
    }

    /** Whether requests of this class are in the published dataset (open data, its change feed). */
    public boolean published(PrivacyClass privacy) {
        return privacy != PrivacyClass.WITHHELD;
    }

    /** Whether this class publishes dates where others publish times. */
    public boolean datesOnly(PrivacyClass privacy) {
        return privacy == PrivacyClass.SENSITIVE;
    }

    /**
     * A time as it is published: to the minute it happened, but for sensitive classes only the
     * date (midnight of the city's day), as the hour of a report can tell who made it.
     */
    public Instant time(Instant at, PrivacyClass privacy, ZoneId city) {
        if (at == null || !datesOnly(privacy)) {
            return at;
        }
        return at.atZone(city).toLocalDate().atStartOfDay(city).toInstant();
    }
}
