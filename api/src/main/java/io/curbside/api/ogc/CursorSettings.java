package io.curbside.api.ogc;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** {@code curbside.opendata}: the key the items cursors are signed with (CURBSIDE_OPENDATA_CURSOR_KEY), if set. */
@ConfigurationProperties("curbside.opendata")
record CursorSettings(@Nullable String cursorKey) {
}
