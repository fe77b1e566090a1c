package io.curbside.api.jurisdiction;

import io.curbside.api.i18n.Translations;
import io.curbside.api.support.YamlTree;
import io.curbside.geo.Coverage;
import io.curbside.geo.LatLon;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How each layer of a jurisdiction file covers the city. Parts of the city in no district (reports
 * there route to no district) are warnings: a city may leave, say, a park in no neighborhood.
 * Districts that overlap are warnings too, except in the routing layer, where a report in the
 * overlap could go to either department: that file is refused.
 */
final class LayerCoverage {

    /**
     * Gaps and overlaps of at most this size are digitizing noise and pass unmentioned: about a
     * 30 m square, or a 1 m strip along a kilometre of edge, as when two files of one city were
     * drawn from different sources. A real gap or overlap is a street's width along a block or more.
     */
    static final double TOLERANCE_SQUARE_METRES = 1_000;

    /** The largest gaps, and the largest overlaps, of a layer that a warning names one by one. */
    static final int LISTED = 10;

    /** What may be wrong with an upload that is still loaded. */
    enum Kind { GAP, OVERLAP }

    /**
     * One warning: the layer, the districts (two for an overlap, none for a gap), a point inside the
     * place (null for a summary of the smaller ones) and its area.
     */
    record Warning(Kind kind, String layer, List<String> districts, LatLon point, double squareMetres, String message) {
    }

    private LayerCoverage() {
    }

    /**
     * The warnings of every layer, largest places first; overlaps in the routing layer go to
     * {@code problems}, each at the place ({@code pathOf}) of the second district of the pair.
     */
    static List<Warning> check(Jurisdiction jurisdiction, String routingLayer,
                               Function<Jurisdiction.District, String> pathOf, YamlTree.Problems problems) {
        List<Warning> warnings = new ArrayList<>();
        for (Jurisdiction.Layer layer : jurisdiction.layers()) {
            List<Jurisdiction.District> districts = layer.districts();
            Coverage.Report report = Coverage.of(jurisdiction.boundary(),
                    districts.stream().map(Jurisdiction.District::area).toList(), TOLERANCE_SQUARE_METRES);
            List<Coverage.Gap> gaps = report.gaps();
            for (Coverage.Gap gap : gaps.subList(0, Math.min(LISTED, gaps.size()))) {
                warnings.add(new Warning(Kind.GAP, layer.code(), List.of(), gap.point(), gap.squareMetres(),
                        "part of the city is in no district of layer \"" + layer.code() + "\": " + place(gap.point(),
                                gap.squareMetres()) + "; a report there is routed to no district of this layer"));
            }
            if (gaps.size() > LISTED) {
                double rest = gaps.subList(LISTED, gaps.size()).stream().mapToDouble(Coverage.Gap::squareMetres).sum();
                warnings.add(new Warning(Kind.GAP, layer.code(), List.of(), null, rest, String.format(Locale.ROOT,
                        "and %d smaller parts of the city in no district of layer \"%s\", %s in all",
                        gaps.size() - LISTED, layer.code(), area(rest))));
            }
            boolean routing = layer.code().equals(routingLayer);
            int listed = 0;
            for (Coverage.Overlap overlap : report.overlaps()) {
                Jurisdiction.District first = districts.get(overlap.first());
                Jurisdiction.District second = districts.get(overlap.second());
                String where = place(overlap.point(), overlap.squareMetres());
                if (routing) {
                    problems.add(pathOf.apply(second), "district " + named(second) + " overlaps district "
                            + named(first) + " of the routing layer \"" + layer.code() + "\": " + where
                            + ", where a report could go to either district's department");
                } else if (listed++ < LISTED) {
                    warnings.add(new Warning(Kind.OVERLAP, layer.code(), List.of(first.code(), second.code()),
                            overlap.point(), overlap.squareMetres(), "districts " + named(first) + " and "
                            + named(second) + " of layer \"" + layer.code() + "\" overlap: " + where));
                }
            }
            if (!routing && report.overlaps().size() > LISTED) {
                List<Coverage.Overlap> rest = report.overlaps().subList(LISTED, report.overlaps().size());
                warnings.add(new Warning(Kind.OVERLAP, layer.code(), List.of(), null,
                        rest.stream().mapToDouble(Coverage.Overlap::squareMetres).sum(), String.format(Locale.ROOT,
                        "and %d smaller overlaps of districts of layer \"%s\"", rest.size(), layer.code())));
            }
        }
        return warnings;
    }

    private static String named(Jurisdiction.District district) {
        String name = district.name().englishFirst().values().iterator().next();
        return "\"" + district.code() + "\"" + (name.equals(district.code()) ? "" : " (" + name + ")");
    }

    private static String place(LatLon point, double squareMetres) {
        return area(squareMetres) + " around lat " + point.lat() + ", lon " + point.lon();
    }

    private static String area(double squareMetres) {
        return String.format(Locale.ROOT, "%,.0f m²", squareMetres);
    }
}
