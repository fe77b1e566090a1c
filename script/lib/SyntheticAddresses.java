import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes synthetic address points, in the OpenAddresses CSV layout, along a grid of streets over a
 * city's boundary (the feature with "layer":"city" of a jurisdiction file): east-west streets
 * numbered from the centre ("E 12TH ST", "W 12TH ST"), north-south ones named ("N ELM AVE"), even
 * numbers on one side and odd on the other, every seventh lot missing (numbers to interpolate),
 * every 25th a building of three apartments. Only points inside the boundary are written.
 *
 *   java script/lib/SyntheticAddresses.java JURISDICTION.geojson OUT.csv STREETS_EACH_WAY LOT_METRES
 *
 * The demo city's file: ... api/src/main/resources/demo/jurisdiction.geojson api/src/main/resources/demo/addresses.csv 12 90
 * script/bench addresses: 480 streets each way, 12 m lots (about a million points).
 */
class SyntheticAddresses {

    private static final String[] NAMES = {"ELM", "OAK", "MAPLE", "CEDAR", "BIRCH", "WALNUT", "CHESTNUT", "SPRUCE",
            "WILLOW", "HICKORY", "ASH", "POPLAR", "SYCAMORE", "MAGNOLIA", "LINDEN", "CHERRY", "PINE", "LAUREL",
            "HAWTHORN", "JUNIPER", "ALDER", "CYPRESS", "HAZEL", "LOCUST", "MULBERRY", "PECAN", "REDBUD", "SASSAFRAS",
            "TUPELO", "BUCKEYE", "MAIN", "BROAD", "HIGH", "FRONT", "WATER", "MARKET", "CHURCH", "MILL", "SCHOOL",
            "PARK", "RIVER", "LAKE", "HILL", "SPRING", "UNION", "FRANKLIN", "WASHINGTON", "JEFFERSON", "MADISON",
            "MONROE", "JACKSON", "LINCOLN", "GRANT", "GARFIELD", "HARRISON", "CLEVELAND", "MCKINLEY", "TAFT", "WILSON",
            "HARDING"};
    private static final String[] TYPES = {"AVE", "RD", "BLVD", "DR", "LN", "WAY", "CT", "PL"};

    public static void main(String[] args) throws IOException {
        String geojson = Files.readString(Path.of(args[0]));
        int streets = Integer.parseInt(args[2]);
        double lot = Double.parseDouble(args[3]);
        List<double[]> ring = cityRing(geojson);
        double minLon = 180, maxLon = -180, minLat = 90, maxLat = -90;
        for (double[] p : ring) {
            minLon = Math.min(minLon, p[0]);
            maxLon = Math.max(maxLon, p[0]);
            minLat = Math.min(minLat, p[1]);
            maxLat = Math.max(maxLat, p[1]);
        }
        double lon0 = (minLon + maxLon) / 2;
        double lat0 = (minLat + maxLat) / 2;
        double mLat = 111_320;
        double mLon = 111_320 * Math.cos(Math.toRadians(lat0));
        long[] id = {0};
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            out.write("LON,LAT,NUMBER,STREET,UNIT,CITY,DISTRICT,REGION,POSTCODE,ID,HASH\n");
            for (int i = 0; i < streets; i++) {
                // East-west streets, numbered from the centre outward on each side of it.
                double lat = minLat + (i + 0.5) * (maxLat - minLat) / streets;
                String ordinal = ordinal(i + 1) + " ST";
                double half = Math.max(lon0 - minLon, maxLon - lon0) * mLon;
                for (int k = 1; k * lot < half; k++) {
                    for (int sign : new int[] {1, -1}) {
                        double lon = lon0 + sign * k * lot / mLon;
                        String street = (sign > 0 ? "E " : "W ") + ordinal;
                        lots(out, ring, id, k, street, lon, lat, 0, 8 / mLat);
                    }
                }
                // North-south streets, named, numbered from the centre north and south.
                double lon = minLon + (i + 0.5) * (maxLon - minLon) / streets;
                String name = NAMES[i % NAMES.length] + (i >= NAMES.length ? " " + ordinal(i / NAMES.length + 1) : "")
                        + " " + TYPES[i % TYPES.length];
                double halfNs = Math.max(lat0 - minLat, maxLat - lat0) * mLat;
                for (int k = 1; k * lot < halfNs; k++) {
                    for (int sign : new int[] {1, -1}) {
                        double lat2 = lat0 + sign * k * lot / mLat;
                        lots(out, ring, id, k, (sign > 0 ? "N " : "S ") + name, lon, lat2, 8 / mLon, 0);
                    }
                }
            }
        }
        System.err.println("Wrote " + id[0] + " address points to " + args[1]);
    }

    /** Lot k of a street: an even number on one side, an odd one on the other (dLon, dLat apart from the centre line). */
    private static void lots(BufferedWriter out, List<double[]> ring, long[] id, int k, String street, double lon,
                             double lat, double dLon, double dLat) throws IOException {
        if (k % 7 == 0) {
            return;
        }
        for (int side = 0; side < 2; side++) {
            double x = side == 0 ? lon + dLon : lon - dLon;
            double y = side == 0 ? lat + dLat : lat - dLat;
            if (!inside(ring, x, y)) {
                continue;
            }
            int number = 2 * k + side;
            int units = k % 25 == 0 ? 3 : 0;
            for (int u = 0; u <= units; u++) {
                id[0]++;
                out.write(String.format(Locale.ROOT, "%.7f,%.7f,%d,%s,%s,Riverton,,OH,4321%d,RIV-%07d,%016x%n", x, y,
                        number, title(street), u == 0 ? "" : "Apt " + u, (int) (id[0] % 10), id[0],
                        id[0] * 0x9E3779B97F4A7C15L));
            }
        }
    }

    /** "E 12TH ST" as a city's file writes it: "E 12th St"; "N ELM AVE": "N Elm Ave". */
    private static String title(String street) {
        StringBuilder b = new StringBuilder();
        for (String word : street.split(" ")) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(word.length() <= 1 ? word : word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }

    private static String ordinal(int n) {
        String suffix = n % 100 >= 11 && n % 100 <= 13 ? "TH" : switch (n % 10) {
            case 1 -> "ST";
            case 2 -> "ND";
            case 3 -> "RD";
            default -> "TH";
        };
        return n + suffix;
    }

    private static List<double[]> cityRing(String geojson) {
        int city = geojson.indexOf("\"layer\":\"city\"");
        int start = geojson.lastIndexOf("\"coordinates\":[[[", city);
        Matcher m = Pattern.compile("\\[(-?[0-9.]+),(-?[0-9.]+)]").matcher(geojson);
        m.region(start, geojson.indexOf("]]]", start) + 1);
        List<double[]> ring = new ArrayList<>();
        while (m.find()) {
            ring.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        return ring;
    }

    private static boolean inside(List<double[]> ring, double x, double y) {
        boolean in = false;
        for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            double[] a = ring.get(i);
            double[] b = ring.get(j);
            if ((a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]) {
                in = !in;
            }
        }
        return in;
    }
}
