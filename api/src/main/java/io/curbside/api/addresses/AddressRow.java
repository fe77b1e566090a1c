package io.curbside.api.addresses;

/**
 * One address of a file as written, before any check: every field the text it had ("" when
 * absent), and {@code where} it is ({@code lines[12]}, {@code features[3]}), which names its fields.
 */
record AddressRow(String where, boolean csv, String lon, String lat, String number, String street, String unit,
                  String city, String postcode, String id, String hash) {

    /** A field's name in errors: {@code lines[12].NUMBER}, {@code features[3].properties.number}. */
    String field(String csvName) {
        if (csv) {
            return where + "." + csvName;
        }
        return switch (csvName) {
            case "LON", "LAT" -> where + ".geometry";
            default -> where + ".properties." + csvName.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
