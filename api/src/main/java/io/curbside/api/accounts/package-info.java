/**
 * Accounts and who is calling: sign-up, sign-in, access and refresh tokens, mail to account owners (password
 * reset, proving and changing an address), the city's identity provider,
 * roles and their grants, the caller as an {@link io.curbside.api.accounts.Actor}, and the audit trail of admin
 * actions. Of the features it uses only ratelimits (a signed-in person has a budget of their own); it
 * asks the catalog about departments through {@link io.curbside.api.accounts.Departments}, which the catalog implements.
 */
package io.curbside.api.accounts;
