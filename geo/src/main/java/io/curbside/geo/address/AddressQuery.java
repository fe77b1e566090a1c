package io.curbside.geo.address;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a resident typed into an address box, read into its parts: the house number (if it starts
 * with one), the street in {@link AddressNormalizer#street} form, and the unit (from its designator
 * on: {@code apt 4}, {@code #4}, {@code unit b}). What follows a comma (city, postcode) is left out.
 * {@code street} may be a part still being typed ({@code MAIN S}): search matches it by trigrams.
 */
public record AddressQuery(Optional<HouseNumber> number, String street, String unit) {

    public static AddressQuery parse(String typed) {
        String[] parts = typed.split(",");
        String head = AddressNormalizer.plain(parts.length == 0 ? "" : parts[0]).replaceAll("#(?=\\S)", "# ");
        // "12 Main St, Apt 4": a unit after the comma; a city or postcode there is left out.
        String unitAfterComma = "";
        for (int i = 1; i < parts.length && unitAfterComma.isEmpty(); i++) {
            String part = AddressNormalizer.plain(parts[i]).replaceAll("#(?=\\S)", "# ");
            String first = part.split("[ -]")[0];
            if (!first.isEmpty() && AddressNormalizer.isUnitDesignator(first)) {
                unitAfterComma = AddressNormalizer.unit(part);
            }
        }
        List<String> words = new ArrayList<>();
        for (String word : head.split(" ")) {
            int hyphen = word.indexOf('-');
            // "APT-4" is a designator and its identifier.
            if (hyphen > 0 && AddressNormalizer.isUnitDesignator(word.substring(0, hyphen))) {
                words.add(word.substring(0, hyphen));
                words.add(word.substring(hyphen + 1));
            } else if (!word.isEmpty()) {
                words.add(word);
            }
        }
        Optional<HouseNumber> number = Optional.empty();
        if (!words.isEmpty() && Character.isDigit(words.get(0).charAt(0))) {
            int taken = 1;
            // "12 1/2 MAIN" and "12 B MAIN" (not "12 N MAIN": N is a direction, and a street follows it).
            if (words.size() > 2 && (words.get(1).contains("/")
                    || words.get(1).length() == 1 && !"NSEW".contains(words.get(1)))) {
                taken = 2;
            }
            number = HouseNumber.parse(String.join(" ", words.subList(0, taken)));
            if (number.isPresent()) {
                words = new ArrayList<>(words.subList(taken, words.size()));
            }
        }
        int designator = -1;
        for (int i = 1; i < words.size(); i++) {
            if (AddressNormalizer.isUnitDesignator(words.get(i))) {
                designator = i;
                break;
            }
        }
        String unit = unitAfterComma;
        if (designator > 0) {
            unit = AddressNormalizer.unit(String.join(" ", words.subList(designator, words.size())));
            words = words.subList(0, designator);
        }
        return new AddressQuery(number, AddressNormalizer.street(String.join(" ", words)), unit);
    }
}
