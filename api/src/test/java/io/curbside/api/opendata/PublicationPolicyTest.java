package io.curbside.api.opendata;

import io.curbside.contract.model.PrivacyClass;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The text the policy lets out: scrubbed of corners and plates for an open service, nothing for the others. */
class PublicationPolicyTest {

    private final PublicationPolicy policy = new PublicationPolicy(new PublicationSettings(100, 500));

    @Test
    void aPublicNoteLosesItsCornerAndTheReportersName() {
        assertEquals(Optional.of("Crew sent to the corner of [address]; thanks [name]"),
                policy.note("Crew sent to the corner of Sepulveda Blvd and Oxnard St; thanks Dmitri Y.", PrivacyClass.OPEN, "Dmitri Y."));
    }

    @Test
    void aNoteIsLeftOutOnceTheReporterErasedTheirAccountAsTheirNameCanNoLongerBeScrubbed() {
        String note = "Called Zed Secretname back";
        assertEquals(Optional.of("Called [name] back"), policy.note(note, PrivacyClass.OPEN, "Zed Secretname", false));
        assertEquals(Optional.empty(), policy.note(note, PrivacyClass.OPEN, null, true));
    }

    @Test
    void aDescriptionLosesItsCornerAddressAndPlate() {
        assertEquals(Optional.of("Van [plate] parked at [address] for a week, owner lives at [address]"),
                policy.text("Van ZT4016Q parked at SEPULVEDA BLVD AT OXNARD ST for a week, owner lives at 653 1/2 N HELIOTROPE DR",
                        PrivacyClass.OPEN, List.of()));
    }

    @Test
    void aClassThatPublishesNoTextShowsNoNote() {
        for (PrivacyClass privacy : List.of(PrivacyClass.LIMITED, PrivacyClass.SENSITIVE, PrivacyClass.WITHHELD)) {
            assertEquals(Optional.empty(), policy.note("Crew at Sepulveda & Oxnard", privacy, null), privacy.toString());
        }
    }

    @Test
    void aSensitiveClassPublishesTheCitysDateNotTheMinute() {
        ZoneId city = ZoneId.of("America/New_York");
        // 02:30 UTC on the 8th is still the evening of the 7th in the city: the date published is the 7th.
        Instant late = Instant.parse("2026-12-08T02:30:00Z");
        assertEquals(Instant.parse("2026-12-07T05:00:00Z"), policy.time(late, PrivacyClass.SENSITIVE, city));
        for (PrivacyClass privacy : List.of(PrivacyClass.OPEN, PrivacyClass.LIMITED)) {
            assertEquals(late, policy.time(late, privacy, city), privacy.toString());
        }
        assertEquals(null, policy.time(null, PrivacyClass.SENSITIVE, city));
    }

    @Test
    void onlyAWithheldClassIsLeftOutOfTheDataset() {
        assertEquals(List.of(true, true, true, false), List.of(PrivacyClass.OPEN, PrivacyClass.LIMITED,
                PrivacyClass.SENSITIVE, PrivacyClass.WITHHELD).stream().map(policy::published).toList());
    }
}
