/**
 * The city's official address points: importing them (OpenAddresses CSV, GeoJSON) in one
 * transaction, search as you type and the address nearest a point. They are the city's public
 * data; nothing here reads requests.
 */
package io.curbside.api.addresses;
