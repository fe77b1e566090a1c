package io.curbside.api.addresses;

import io.curbside.api.problem.ProblemException;
import io.curbside.contract.model.AddressMatch;
import io.curbside.contract.model.NearestAddress;
import io.curbside.geo.address.AddressNormalizer;
import io.curbside.geo.address.AddressQuery;
import io.curbside.geo.address.HouseNumber;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Search as you type and reverse geocoding over the city's address points. What was typed is
 * read by the same normalizer the import stored with ({@link AddressQuery}); the streets it may
 * name are found first (a few, by trigrams and sound), then the number on each of them.
 */
@Singleton
class AddressSearch {

    static final int MAX_LIMIT = 10;
    static final double DEFAULT_RADIUS = 50;
    /** Streets looked at for one query: enough for a typo's neighbours, few enough to stay fast. */
    private static final int STREETS = 5;
    /** Two known points further apart than this do not say where the numbers between them are. */
    private static final double MAX_INTERPOLATION_METRES = 500;

    private final AddressRepository addresses;
    private final TransactionOperations<Connection> transactions;

    AddressSearch(AddressRepository addresses, TransactionOperations<Connection> transactions) {
        this.addresses = addresses;
        this.transactions = transactions;
    }

    private record Ranked(AddressMatch match, double score) {
    }

    List<AddressMatch> search(String q, int limit) {
        AddressQuery query = AddressQuery.parse(q);
        if (query.street().isEmpty()) {
            if (query.number().isPresent()) {
                return List.of();
            }
            throw ProblemException.invalidParameter("q", "has no letter or digit to search for");
        }
        return transactions.executeRead(status -> {
            List<AddressRepository.Street> streets = addresses.streets(query.street(),
                    AddressNormalizer.core(query.street()), STREETS);
            if (streets.isEmpty()) {
                return List.<AddressMatch>of();
            }
            Map<String, Double> streetScore = streets.stream()
                    .collect(Collectors.toMap(AddressRepository.Street::name, AddressRepository.Street::score));
            List<String> names = streets.stream().map(AddressRepository.Street::name).toList();
            List<Ranked> ranked = new ArrayList<>();
            if (query.number().isEmpty()) {
                for (AddressRepository.Point p : addresses.first(names, limit)) {
                    ranked.add(new Ranked(match(p), streetScore.get(p.street()) - p.number() * 1e-7));
                }
            } else {
                rankAround(query, names, streetScore, ranked);
            }
            Set<String> seen = new HashSet<>();
            return ranked.stream().sorted(Comparator.comparingDouble(Ranked::score).reversed())
                    .map(Ranked::match)
                    .filter(m -> seen.add(m.getLabel()))
                    .limit(limit).toList();
        });
    }

    private void rankAround(AddressQuery query, List<String> names, Map<String, Double> streetScore,
                            List<Ranked> ranked) {
        HouseNumber number = query.number().orElseThrow();
        String unit = AddressNormalizer.unitIdentifier(query.unit());
        List<AddressRepository.Point> points = addresses.around(names, number.value());
        for (String street : names) {
            double base = streetScore.get(street);
            List<AddressRepository.Point> on = points.stream().filter(p -> p.street().equals(street)).toList();
            boolean exact = false;
            for (AddressRepository.Point p : on) {
                switch (p.kind()) {
                    case "exact" -> {
                        exact = true;
                        double bonus = 1.0;
                        if (!unit.isEmpty() && AddressNormalizer.unitIdentifier(p.unit()).equals(unit)) {
                            bonus += 0.5;
                        } else if (p.unit().isEmpty()) {
                            bonus += unit.isEmpty() ? 0.5 : 0.2;
                        }
                        if (p.normalized().startsWith(number.text() + " ")) {
                            bonus += 0.1;
                        }
                        ranked.add(new Ranked(match(p), base + bonus));
                    }
                    case "below", "above" -> ranked.add(new Ranked(match(p),
                            base + 0.3 / (1 + Math.abs(p.number() - number.value()) / 10.0)));
                    default -> {
                    }
                }
            }
            if (!exact) {
                interpolated(number, street, on).ifPresent(m -> ranked.add(new Ranked(m, base + 0.8)));
            }
        }
    }

    /** Between the nearest numbers on the same side, where both are known and near enough each other. */
    private static java.util.Optional<AddressMatch> interpolated(HouseNumber number, String street,
                                                                 List<AddressRepository.Point> on) {
        AddressRepository.Point below = on.stream().filter(p -> p.kind().equals("below-side")).findFirst().orElse(null);
        AddressRepository.Point above = on.stream().filter(p -> p.kind().equals("above-side")).findFirst().orElse(null);
        if (below == null || above == null || metres(below, above) > MAX_INTERPOLATION_METRES) {
            return java.util.Optional.empty();
        }
        double t = (number.value() - below.number()) / (double) (above.number() - below.number());
        AddressMatch match = new AddressMatch(number.text() + " " + street,
                below.lat() + t * (above.lat() - below.lat()), below.lon() + t * (above.lon() - below.lon()), true);
        return java.util.Optional.of(match);
    }

    private static double metres(AddressRepository.Point a, AddressRepository.Point b) {
        double dLat = Math.toRadians(b.lat() - a.lat());
        double dLon = Math.toRadians(b.lon() - a.lon()) * Math.cos(Math.toRadians((a.lat() + b.lat()) / 2));
        return 6_371_008.8 * Math.hypot(dLat, dLon);
    }

    private static AddressMatch match(AddressRepository.Point p) {
        AddressMatch match = new AddressMatch(p.normalized(), p.lat(), p.lon(), false);
        match.setId(p.officialId());
        return match;
    }

    NearestAddress reverse(double lat, double lon, double radius) {
        return transactions.executeRead(status -> addresses.nearest(lat, lon, radius))
                .map(n -> new NearestAddress(n.officialId(), n.normalized(), n.lat(), n.lon(),
                        Math.round(n.metres() * 10) / 10.0))
                .orElseThrow(() -> ProblemException.notFound("No address point within " + fmt(radius) + " m."));
    }

    private static String fmt(double radius) {
        return radius == Math.rint(radius) ? String.valueOf((long) radius) : String.valueOf(radius);
    }
}
