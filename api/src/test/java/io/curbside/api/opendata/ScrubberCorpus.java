package io.curbside.api.opendata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Report sentences in English and Spanish, written by a deterministic generator, each with its
 * personal spans marked (addresses, corners, plates, phones, e-mails, names), and ordinary
 * sentences with none, for measuring {@link TextScrubber} ({@link ScrubberMeasure}). Templates
 * and word lists are written here; about a quarter of the sentences are then put in capitals
 * and a tenth in lower case, as residents and 311 agents type them.
 */
final class ScrubberCorpus {

    /** A personal stretch of a sentence, of a kind (address, corner, plate, phone, email, name). */
    record Span(int start, int end, String kind) {
    }

    /** A sentence, its personal spans, and the names the scrubber is told of (the reporter's). */
    record Sentence(String text, List<Span> personal, List<String> names, String language) {
    }

    private static final Pattern SLOT = Pattern.compile("\\{(\\w+)}");

    private static final String[] STREETS = {"Oak", "Maple", "Sepulveda", "Oxnard", "Olvera", "Heliotrope", "Vermont", "Figueroa",
        "Alvarado", "Cesar Chavez", "Ocean Front", "Pico", "Venice", "Lincoln", "Hoover", "Normandie", "Western", "Crenshaw",
        "La Brea", "Fairfax", "Highland", "Vine", "Sunset", "Santa Monica", "Wilshire", "Olympic", "Jefferson", "Slauson",
        "Florence", "Manchester", "Imperial", "Valley", "Magnolia", "Victory", "Roscoe", "Nordhoff", "Reseda", "Tampa",
        "Balboa", "Van Nuys", "Laurel Canyon", "Lankershim", "Eagle Rock", "York", "Huntington", "Soto", "Main", "Spring",
        "Broadway", "Hill", "Olive", "Grand", "Hope", "Central", "Alameda", "San Pedro", "Quillan", "Elm", "Cedar", "Juniper"};
    private static final String[] ORDINALS = {"1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "9th", "12th", "23rd", "41st", "54th", "103rd"};
    private static final String[] TYPES = {"St", "Street", "Ave", "Avenue", "Blvd", "Boulevard", "Dr", "Drive", "Pl", "Way", "Ln", "Ct",
        "Rd", "Ter", "Walk", "St.", "Ave."};
    private static final String[] TYPES_ES = {"calle", "Calle", "avenida", "Avenida", "Av.", "Avda.", "Calzada", "Paseo", "Privada"};
    private static final String[] DIRECTIONS = {"N", "S", "E", "W", "North", "South"};
    private static final String[] UNITS = {"#4", "# 12", "Apt 3", "Apt. 12C", "Unit B", "Suite 200", "Space 14", "Depto 5", "Int. 3"};
    private static final String[] FIRST = {"Dmitri", "Ana", "Maria", "Jose", "Kevin", "Linda", "Tuan", "Mai", "Wei", "Xiong", "Yer",
        "Carlos", "Lupe", "Rosa", "James", "Patricia", "Hector", "Guadalupe", "Minh", "Pao", "Teresa", "Roberto", "Karen"};
    private static final String[] LAST = {"Ruiz", "Garcia", "Nguyen", "Tran", "Lee", "Vang", "Lopez", "Hernandez", "Kim", "Smith",
        "Johnson", "Moua", "Pham", "Chen", "Martinez", "Flores", "Okafor", "Yang", "Morales", "Quillan"};
    private static final String[] VEHICLES = {"Honda Civic", "white van", "grey Toyota", "black pickup", "blue sedan", "RV", "box truck"};
    private static final String[] VEHICLES_ES = {"camioneta blanca", "carro gris", "Toyota azul", "troca negra", "camión"};
    private static final String[] DOMAINS = {"example.org", "mail.example.com", "ejemplo.mx", "correo.example.net"};

    /** Sentences with something personal; each slot is filled by the generator of that name. */
    private static final String[] PERSONAL_EN = {
        "Pothole in front of {address}, about {n} inches deep.", "Streetlight out at {corner} for {n} nights.",
        "Abandoned {vehicle} with plate {plate} parked on our block for {n} weeks.", "Please call me at {phone} if the crew needs access.",
        "Email me at {email} when it is fixed.", "My neighbor {cued} at {address} keeps dumping trash in the alley.",
        "Graffiti on the wall at {corner}, {n} tags on the fence.", "{vehicle} {bareplate} has not moved since {day}.",
        "Crew sent to {address}; thanks {cued} ({phone}).", "Signal dark at {corner} since {day} morning.",
        "Water leak near {address}, running for {n} days.", "Tree branch down across the sidewalk at {corner}.",
        "Illegal dumping behind {address}: a mattress and {n} bags.", "{reporter} here, the hole at {corner} is back.",
        "I am {reporter}, reach me at {phone} or {email}.", "Car alarm going off at {address} every night around {n} pm.",
        "Broken water main at {corner}, street flooding.", "Sofa and boxes left on the curb at {address} for {n} days.",
        "Homeless camp growing near {corner}, {n} tents now.", "The {vehicle}, CA plate {plate}, blocks the hydrant.",
        "Please text {phone} before you come, the gate code changed.", "Ask for {cued} at the front desk of {address}.",
        "Speeding every morning on {street} near {corner}.", "Dog barking all day at {address}, owner {cued} never home.",
        "Missing stop sign at {corner}, near miss today.", "Contact {email} or {phone} for the key.",
    };
    private static final String[] PERSONAL_ES = {
        "Bache enfrente de {address_es}, de unos {n} cm de hondo.", "Semáforo apagado en {corner_es} desde el {dia}.",
        "Carro abandonado con placa {plate} desde hace {n} semanas.", "Llámenme al {phone} o escriban a {email}.",
        "Mi vecino {cued} tira basura en {address_es}.", "Luz fundida en {corner_es}, muy oscuro de noche.",
        "Basura acumulada frente a {address_es} hace {n} días.", "La {vehicle_es} {bareplate} no se ha movido desde el {dia}.",
        "Soy {reporter}, mi teléfono es {phone}.", "Fuga de agua en {corner_es}, la calle se inunda.",
        "Grafiti en la pared de {address_es}, por favor límpienlo.", "Pregunte por {cued} en {address_es}.",
        "Árbol caído en {corner_es}, bloquea la banqueta.", "Mi correo es {email}, avísenme cuando lo arreglen.",
        "Perro suelto en {address}, el dueño {cued} no hace caso.", "Choque en {corner_es} con {n} carros, falta un alto.",
    };
    /** Sentences with nothing personal, full of what a scrubber must leave: numbers, measures, times, "and". */
    private static final String[] ORDINARY_EN = {
        "{n} large potholes in the right lane, about {n} ft deep.", "Open for {n} weeks and nobody came, {ord} report.",
        "Streetlight flickers between {n} and {n} pm every night.", "Black and white cat stuck in a tree for {n} hours.",
        "Hit and run damaged the fence, {n} posts down.", "Trash and debris on the sidewalk since {day}.",
        "Crack about {n} feet long and {n} inches wide.", "Seen at {n} pm, {n} people were dumping bags.",
        "Traffic on Route 66 backs up because the signal is out.", "Needs {n} more bins, these overflow every week.",
        "Graffiti tags on the bus shelter, {n} panels covered.", "Noise from construction before {n} am on {day}.",
        "Water pooling after rain, about {n} inches at the curb.", "Sidewalk lifted by tree roots, a {n} inch trip hazard.",
        "Dead raccoon in the road since {day}, please remove.", "Park sprinklers run at {n} am and flood the path.",
        "The bus stop bench is broken and {n} slats are missing.", "Speeding over {n} mph near the school and the park.",
        "Illegal dumping again, a couch and {n} tires.", "Thank you for fixing it so fast, {n} stars.",
        // Numbers, capitals and "and" that are no address, corner, plate or name.
        "Called 311 on Monday and Tuesday, still nothing.", "Bus 720 skips this stop at rush hour.",
        "Traffic from the 405 Freeway backs up past the school.", "LAPD and LAFD came at 10AM and left by noon.",
        "Found {n} N95 masks and a COVID-19 test kit in the gutter.", "Home Depot cart left by the bus bench for {n} days.",
        "Smells like sewage, worse after 6 PM and on weekends.", "Potholes on Highway 101 near the exit ramp.",
        "Fixed it with a 2x4 and {n} bags of cold patch.", "The Tesla Model 3 charger by the library is broken.",
        "Recycling and Trash bins were not picked up this week.", "{n} of {n} lights are out, the rest flicker.",
        "Permit 2024 was posted but the work never started.", "I called twice and was told {n} to {n} business days.",
        "Black and White signs were knocked over by the wind.", "Rats and Mice seen near the dumpsters every night.",
        "Crosswalk paint faded, kids cross at {n} am and {n} pm.", "Ask the crew to call ahead, the dog bites.",
        "Storm drain clogged with leaves, water {n} inches deep on Main.", "Sign says No Parking 8AM to 6PM but nobody enforces it.",
    };
    private static final String[] ORDINARY_ES = {
        "Hay {n} baches grandes, de unos {n} cm de hondo.", "Lleva {n} semanas abierto y nadie vino, es el {ord_es} reporte.",
        "Gato blanco y negro atrapado en un árbol.", "La luz parpadea entre las {n} y las {n} de la noche.",
        "Basura y escombros en la banqueta desde el {dia}.", "Grieta de {n} metros de largo y {n} cm de ancho.",
        "Tiran bolsas de basura cada {dia} por la mañana.", "El semáforo no funciona y hay mucho tráfico.",
        "Faltan {n} botes de basura, se llenan cada semana.", "Agua estancada después de la lluvia, unos {n} cm.",
        "Gracias por arreglarlo tan rápido, {n} estrellas.", "Ruido de obra antes de las {n} de la mañana.",
        "Llamé al 311 el lunes y el martes, sigue igual.", "El camión 720 no para aquí en la hora pico.",
        "Perros y Gatos sueltos cerca del parque.", "Hay {n} de {n} lámparas apagadas en la cuadra.",
        "La calle está llena de hoyos desde hace {n} meses.", "Café con leche derramado en la banqueta, huele mal.",
        "El carro rojo con {n} llantas ponchadas sigue ahí.", "Entre {n} y {n} metros de banqueta rota.",
    };

    private final Random random = new Random(10);
    private final List<Span> spans = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final List<String> names = new ArrayList<>();

    private ScrubberCorpus() {
    }

    /** The corpus: always the same sentences, so that a figure can be compared with the last. */
    static List<Sentence> sentences() {
        ScrubberCorpus corpus = new ScrubberCorpus();
        List<Sentence> out = new ArrayList<>();
        for (int i = 0; i < 1400; i++) {
            int pick = i % 10;
            String[] templates = pick < 4 ? PERSONAL_EN : pick < 7 ? PERSONAL_ES : pick < 9 ? ORDINARY_EN : ORDINARY_ES;
            String language = templates == PERSONAL_EN || templates == ORDINARY_EN ? "en" : "es";
            out.add(corpus.write(templates[corpus.random.nextInt(templates.length)], language));
        }
        return out;
    }

    /**
     * Sentences written by hand, one a line, each personal span as {@code [[kind|text]]}: a check on
     * the generator's bias, first measured before any rule was tuned to it (README gives both figures).
     */
    static List<Sentence> handWritten() {
        try (InputStream in = ScrubberCorpus.class.getResourceAsStream("scrubber-hand-written.txt")) {
            List<Sentence> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(parse(line.strip()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Pattern MARKED = Pattern.compile("\\[\\[(\\w+)\\|([^]]+)]]");

    private static Sentence parse(String line) {
        StringBuilder text = new StringBuilder();
        List<Span> spans = new ArrayList<>();
        Matcher marked = MARKED.matcher(line);
        int at = 0;
        while (marked.find()) {
            text.append(line, at, marked.start());
            spans.add(new Span(text.length(), text.length() + marked.group(2).length(), marked.group(1)));
            text.append(marked.group(2));
            at = marked.end();
        }
        text.append(line.substring(at));
        boolean spanish = line.matches(".*(?i:\\b(?:el|la|en|de|hay|mi|al|con)\\b).*");
        return new Sentence(text.toString(), spans, List.of(), spanish ? "es" : "en");
    }

    private Sentence write(String template, String language) {
        text.setLength(0);
        spans.clear();
        names.clear();
        Matcher slot = SLOT.matcher(template);
        int at = 0;
        while (slot.find()) {
            text.append(template, at, slot.start());
            fill(slot.group(1));
            at = slot.end();
        }
        text.append(template.substring(at));
        String written = text.toString();
        int casing = random.nextInt(20);
        String cased = casing < 5 ? written.toUpperCase(Locale.ROOT) : casing < 7 ? written.toLowerCase(Locale.ROOT) : written;
        return new Sentence(cased.length() == written.length() ? cased : written, List.copyOf(spans), List.copyOf(names), language);
    }

    private void fill(String slot) {
        switch (slot) {
            case "address" -> mark("address", this::address);
            case "address_es" -> mark("address", this::addressEs);
            case "corner" -> corner(" at ", " & ", " and ", " / ", "/", " @ ");
            case "corner_es" -> cornerEs();
            case "plate" -> mark("plate", this::plate);
            case "bareplate" -> mark("plate", this::barePlate);
            case "phone" -> mark("phone", this::phone);
            case "email" -> mark("email", this::email);
            case "cued" -> mark("name", this::person);
            case "reporter" -> {
                String name = person();
                names.add(name);
                mark("name", () -> name);
            }
            case "street" -> text.append(street(true));
            case "vehicle" -> text.append(one(VEHICLES));
            case "vehicle_es" -> text.append(one(VEHICLES_ES));
            case "n" -> text.append(1 + random.nextInt(random.nextBoolean() ? 9 : 60));
            case "ord" -> text.append(one(new String[] {"2nd", "3rd", "4th", "5th"}));
            case "ord_es" -> text.append(one(new String[] {"segundo", "tercer", "cuarto"}));
            case "day" -> text.append(one(new String[] {"Monday", "Tuesday", "Friday", "Sunday", "last week", "yesterday"}));
            case "dia" -> text.append(one(new String[] {"lunes", "martes", "viernes", "domingo", "1 de mayo"}));
            default -> throw new IllegalArgumentException(slot);
        }
    }

    private void mark(String kind, Supplier<String> value) {
        int start = text.length();
        text.append(value.get());
        spans.add(new Span(start, text.length(), kind));
    }

    /** A corner in one of the common forms; after "the corner of", only the streets are personal. */
    private void corner(String... joins) {
        String cue = one(new String[] {"", "", "", "the corner of ", "the intersection of "});
        text.append(cue);
        boolean typed = random.nextInt(10) < 6;
        String join = cue.isEmpty() ? one(joins) : one(new String[] {" and ", " & "});
        mark("corner", () -> street(typed) + join + street(typed || join.equals(" at ") || join.equals(" @ ")));
    }

    private void cornerEs() {
        String form = one(new String[] {"la esquina de ", "", "el cruce de ", "la esquina de "});
        text.append(form);
        boolean typed = random.nextBoolean();
        String join = form.isEmpty() ? one(new String[] {" con ", " y ", " esquina con "}) : " y ";
        mark("corner", () -> (typed ? one(TYPES_ES) + " " : "") + one(STREETS) + join + (typed ? one(TYPES_ES) + " " : "") + one(STREETS));
    }

    /** A street, its type written or not ("Oxnard St", "S Broadway", "W 6th St", "Sepulveda"). */
    private String street(boolean typed) {
        String direction = random.nextInt(4) == 0 ? one(DIRECTIONS) + " " : "";
        String name = random.nextInt(5) == 0 ? one(ORDINALS) : one(STREETS);
        return direction + name + (typed ? " " + one(TYPES) : "");
    }

    private String address() {
        String number = String.valueOf(1 + random.nextInt(random.nextBoolean() ? 999 : 19999));
        String fraction = random.nextInt(15) == 0 ? " 1/2" : "";
        boolean typed = random.nextInt(10) < 7;
        String direction = typed ? (random.nextInt(3) == 0 ? one(DIRECTIONS) + " " : "") : one(DIRECTIONS) + " ";
        String name = random.nextInt(6) == 0 ? one(ORDINALS) : one(STREETS);
        String unit = random.nextInt(6) == 0 ? (random.nextBoolean() ? ", " : " ") + one(UNITS) : "";
        return number + fraction + " " + direction + name + (typed ? " " + one(TYPES) : "") + unit;
    }

    private String addressEs() {
        int number = 1 + random.nextInt(2999);
        return switch (random.nextInt(4)) {
            case 0 -> one(TYPES_ES) + " " + one(STREETS) + " " + number;
            case 1 -> one(TYPES_ES) + " " + one(STREETS) + " #" + number;
            case 2 -> one(TYPES_ES) + " " + one(STREETS) + ", " + number;
            default -> number + " " + one(TYPES_ES) + " " + one(STREETS);
        } + (random.nextInt(6) == 0 ? " " + one(UNITS) : "");
    }

    /** A plate in a North American format, after a word that says so. */
    private String plate() {
        String plate = barePlate();
        return random.nextInt(4) == 0 ? letters(3) + " " + digits(4) : plate;
    }

    /** A plate as written alone: California 7ABC123, 2-4-1 ZT4016Q, ABC1234, ABC-1234, 4XYZ-567. */
    private String barePlate() {
        return switch (random.nextInt(5)) {
            case 0 -> digits(1) + letters(3) + digits(3);
            case 1 -> letters(2) + digits(4) + letters(1);
            case 2 -> letters(3) + digits(4);
            case 3 -> letters(3) + "-" + digits(4);
            default -> digits(1) + letters(3) + "-" + digits(3);
        };
    }

    private String phone() {
        String area = String.valueOf(200 + random.nextInt(799));
        String exchange = String.valueOf(200 + random.nextInt(799));
        String line = digits(4);
        return switch (random.nextInt(9)) {
            case 0 -> area + "-" + exchange + "-" + line;
            case 1 -> "(" + area + ") " + exchange + "-" + line;
            case 2 -> area + "." + exchange + "." + line;
            case 3 -> "+1 " + area + " " + exchange + " " + line;
            case 4 -> area + exchange + line;
            case 5 -> exchange + "-" + line;
            case 6 -> "+52 55 " + digits(4) + " " + digits(4);
            case 7 -> "1-" + area + "-" + exchange + "-" + line;
            default -> "+1 (" + area + ") " + exchange + "-" + line;
        };
    }

    private String email() {
        String who = (one(FIRST) + (random.nextBoolean() ? "." + one(LAST) : digits(2))).toLowerCase(Locale.ROOT);
        return who + "@" + one(DOMAINS);
    }

    private String person() {
        String first = one(FIRST);
        return switch (random.nextInt(3)) {
            case 0 -> first;
            case 1 -> first + " " + one(LAST);
            default -> first + " " + one(LAST).charAt(0) + ".";
        };
    }

    private String letters(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append((char) ('A' + random.nextInt(26)));
        }
        return out.toString();
    }

    private String digits(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    private String one(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
