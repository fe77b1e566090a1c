-- Verified e-mail addresses: an account is mailed news (followed requests) only once its owner
-- proved the address is theirs, with a code mailed to it.

-- When the account's current address was proved; null: never. Accounts made before this
-- migration were never verified, so they stay null and receive no follower mail until their
-- owner asks for a code (POST /v1/me/verification) and uses it: marking them verified would
-- keep mailing every inbox a stranger once typed in. A change of address sets it anew, since the
-- new address takes over only when its code is used.
ALTER TABLE account ADD COLUMN email_verified_at timestamptz;

-- Codes that prove an address (at sign-up, asked for again, or for a new address) are kept like
-- reset codes, as their SHA-256 only, with the address they were mailed to: a code proves that
-- address, not whichever address the account has when it is used. Reset codes record it too, so a
-- reset proves the inbox it was mailed to. Rows from before this migration have none.
ALTER TABLE account_mail ADD COLUMN address text;
ALTER TABLE account_mail DROP CONSTRAINT account_mail_kind_check;
ALTER TABLE account_mail DROP CONSTRAINT account_mail_check;
ALTER TABLE account_mail ADD CONSTRAINT account_mail_kind_check
    CHECK (kind IN ('password_reset', 'sign_up_attempt', 'email_verification', 'email_taken'));
-- A code (reset or verification) has its hash and its expiry; notices have neither.
ALTER TABLE account_mail ADD CONSTRAINT account_mail_check
    CHECK ((kind IN ('password_reset', 'email_verification')) = (token_hash IS NOT NULL AND expires_at IS NOT NULL));
ALTER TABLE account_mail ADD CONSTRAINT account_mail_verification_address_check
    CHECK (kind <> 'email_verification' OR address IS NOT NULL);
