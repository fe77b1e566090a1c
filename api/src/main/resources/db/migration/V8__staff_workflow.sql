-- The staff workflow: why a request was closed, what it duplicates, and who the city sent a
-- resident to when it is not the city's to fix. The history itself stays in request_event.

ALTER TABLE service_request
    ADD COLUMN close_reason      text CHECK (close_reason IN ('fixed', 'no_action_needed', 'duplicate',
                                   'not_city_responsibility', 'could_not_locate', 'referred')),
    ADD COLUMN duplicate_of      bigint REFERENCES service_request (id),
    ADD COLUMN responsible_party text;
-- Requests closed before there were reasons (by hand, in SQL) are taken as fixed.
UPDATE service_request SET close_reason = 'fixed' WHERE status = 'closed';
ALTER TABLE service_request
    -- A closed request always says why; an open one has no reason, and only duplicates point elsewhere.
    ADD CONSTRAINT service_request_closed_with_reason
        CHECK ((status = 'closed') = (close_reason IS NOT NULL)),
    ADD CONSTRAINT service_request_duplicate_points
        CHECK (coalesce(close_reason = 'duplicate', false) = (duplicate_of IS NOT NULL) AND duplicate_of <> id);

-- Staff lists filter overdue requests of a department: open and past their date.
CREATE INDEX service_request_open_due_idx ON service_request (department_code, expected_at)
    WHERE status <> 'closed';
