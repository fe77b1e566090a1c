/**
 * Following requests: who follows what, the feed of public changes to followed requests, the e-mails
 * followers get (only those who proved their address), and the reporter's rating of a closed request.
 */
package io.curbside.api.following;
