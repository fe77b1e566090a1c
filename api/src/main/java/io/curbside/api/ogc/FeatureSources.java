package io.curbside.api.ogc;

import java.util.List;

/**
 * The collections some part of Curbside publishes as they stand now (the district layers change when
 * an admin uploads a new city). The collections list is every bean of this type, in bean order.
 */
public interface FeatureSources {

    List<FeatureSource> current();
}
