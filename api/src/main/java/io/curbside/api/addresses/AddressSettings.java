package io.curbside.api.addresses;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;

/**
 * {@code curbside.addresses.*}.
 *
 * @param uploadMaxBytes the largest file {@code PUT /v1/admin/addresses} reads (CURBSIDE_ADDRESSES_MAX_BYTES)
 */
@ConfigurationProperties("curbside.addresses")
public record AddressSettings(long uploadMaxBytes) {

    public AddressSettings {
        if (uploadMaxBytes < 1) {
            throw new ConfigurationException("curbside.addresses.upload-max-bytes must be at least 1, not "
                    + uploadMaxBytes);
        }
    }
}
