-- A webhook's body is built when it is sent, in Java, from the request's one public form
-- (opendata.PublicAnswers.webhook over the PublicRequest that RequestProjector makes for the
-- published dataset): the same service, department, note and times as every other public path,
-- with a sensitive class's times to the day, which V6's copy of the public form in SQL did not do.
-- The trigger stays (a Java hook would miss every path that records an event), and still makes
-- one message per matching subscription in the event's transaction; the message names its event
-- (event_id) and holds nothing else, so no note as staff typed it waits in the outbox.
CREATE OR REPLACE FUNCTION fan_out_request_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO outbox_message (channel, subscription_id, event_id, payload)
    SELECT 'webhook', s.id, NEW.id, '{}'::jsonb
    FROM service_request r
    JOIN webhook_subscription s
      ON s.active
     AND (cardinality(s.service_codes) = 0 OR r.service_code = ANY (s.service_codes))
     AND (cardinality(s.department_codes) = 0 OR r.department_code = ANY (s.department_codes))
    WHERE r.id = NEW.request_id;
    RETURN NULL;
END
$$;

-- Bodies queued before now held the note as typed; they are no longer read.
UPDATE outbox_message SET payload = '{}'::jsonb WHERE channel = 'webhook' AND payload <> '{}'::jsonb;
