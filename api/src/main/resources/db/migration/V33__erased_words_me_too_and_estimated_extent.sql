-- An erased reporter's description is now published like anyone's (PublicationPolicy.description):
-- erasure scrubs the person's own words of their name and contact details while the name is still
-- known (AccountRepository.erase), so the published text does not change and the erasure shows
-- nowhere public. Those erased before could not be scrubbed (their name is gone): their words go.
UPDATE service_request SET description = NULL WHERE reporter_erased AND description IS NOT NULL;

-- PostGIS's ST_EstimatedExtent runs as its owner (SECURITY DEFINER) and reads the planner's
-- statistics of any table: the open-data role could read the box round the private exact points.
-- Nothing in Curbside calls it. Only the functions' owner may revoke; where that is not this role
-- (PostGIS created by a DBA), the DBA should run these three lines (README, CURBSIDE_OPENDATA_DATABASE_USER).
DO $$
BEGIN
    REVOKE EXECUTE ON FUNCTION st_estimatedextent(text, text, text, boolean) FROM PUBLIC;
    REVOKE EXECUTE ON FUNCTION st_estimatedextent(text, text, text) FROM PUBLIC;
    REVOKE EXECUTE ON FUNCTION st_estimatedextent(text, text) FROM PUBLIC;
EXCEPTION WHEN insufficient_privilege OR undefined_function THEN
    RAISE NOTICE 'ST_EstimatedExtent stays executable by everyone: %', SQLERRM;
END $$;

-- A class that publishes dates only publishes no me-too count (RequestProjector): the count going up would
-- tell the minute a resident acted. The check of a live row no longer asks for one.
ALTER TABLE opendata.published_request DROP CONSTRAINT published_request_live_or_withdrawn;
ALTER TABLE opendata.published_request ADD CONSTRAINT published_request_live_or_withdrawn CHECK (
    (withdrawn_at IS NULL AND service_code IS NOT NULL AND service_name IS NOT NULL AND status IS NOT NULL
        AND received_at IS NOT NULL AND updated_at IS NOT NULL)
    OR (withdrawn_at IS NOT NULL AND service_code IS NULL AND status IS NULL AND received_at IS NULL
        AND location IS NULL AND description IS NULL AND photo_urls IS NULL));
