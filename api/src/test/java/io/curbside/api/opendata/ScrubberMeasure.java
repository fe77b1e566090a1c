package io.curbside.api.opendata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How well {@link TextScrubber} does on {@link ScrubberCorpus}: the share of personal spans it
 * takes out whole (recall), and the share of the other words it takes out wrongly. Run by
 * {@code script/measure-scrubber}; {@code ScrubberCorpusTest} holds the figures to what they are.
 */
final class ScrubberMeasure {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    /** The figures, and what they count; misses and false removals as examples to read. */
    record Figures(int sentences, int spans, int spansRemoved, int words, int wordsRemoved,
                   Map<String, int[]> byKind, List<String> misses, List<String> falseRemovals) {

        double recall() {
            return (double) spansRemoved / spans;
        }

        double falseRemovalShare() {
            return (double) wordsRemoved / words;
        }
    }

    private ScrubberMeasure() {
    }

    static Figures measure(List<ScrubberCorpus.Sentence> corpus) {
        int spans = 0;
        int spansRemoved = 0;
        int words = 0;
        int wordsRemoved = 0;
        Map<String, int[]> byKind = new TreeMap<>();
        List<String> misses = new ArrayList<>();
        List<String> falseRemovals = new ArrayList<>();
        for (ScrubberCorpus.Sentence sentence : corpus) {
            String text = sentence.text();
            boolean[] removed = new boolean[text.length()];
            for (TextScrubber.Removal removal : TextScrubber.removals(text, sentence.names())) {
                for (int i = removal.start(); i < removal.end(); i++) {
                    removed[i] = true;
                }
            }
            boolean[] personal = new boolean[text.length()];
            for (ScrubberCorpus.Span span : sentence.personal()) {
                boolean whole = true;
                for (int i = span.start(); i < span.end(); i++) {
                    personal[i] = true;
                    // Letters and digits must go; a space or a comma left inside says nothing.
                    whole &= removed[i] || !Character.isLetterOrDigit(text.charAt(i));
                }
                int[] kind = byKind.computeIfAbsent(span.kind(), k -> new int[2]);
                kind[0]++;
                spans++;
                if (whole) {
                    kind[1]++;
                    spansRemoved++;
                } else {
                    misses.add(span.kind() + ": \"" + text.substring(span.start(), span.end()) + "\" in \"" + text + "\" -> \""
                            + TextScrubber.scrub(text, sentence.names()) + "\"");
                }
            }
            Matcher word = WORD.matcher(text);
            while (word.find()) {
                if (any(personal, word.start(), word.end())) {
                    continue;
                }
                words++;
                if (any(removed, word.start(), word.end())) {
                    wordsRemoved++;
                    falseRemovals.add("\"" + word.group() + "\" in \"" + text + "\" -> \"" + TextScrubber.scrub(text, sentence.names()) + "\"");
                }
            }
        }
        return new Figures(corpus.size(), spans, spansRemoved, words, wordsRemoved, byKind, misses, falseRemovals);
    }

    private static boolean any(boolean[] marks, int from, int to) {
        for (int i = from; i < to; i++) {
            if (marks[i]) {
                return true;
            }
        }
        return false;
    }

    /** Prints the figures; with {@code -v}, every miss and false removal too. */
    public static void main(String[] args) {
        boolean verbose = args.length > 0 && args[0].equals("-v");
        System.out.println("== generated corpus");
        print(ScrubberCorpus.sentences(), verbose);
        System.out.println("== hand-written sentences");
        print(ScrubberCorpus.handWritten(), verbose);
    }

    private static void print(List<ScrubberCorpus.Sentence> corpus, boolean verbose) {
        Figures figures = measure(corpus);
        long english = corpus.stream().filter(s -> s.language().equals("en")).count();
        long ordinary = corpus.stream().filter(s -> s.personal().isEmpty()).count();
        System.out.printf("corpus: %d sentences (%d English, %d Spanish; %d with nothing personal), %d personal spans%n",
                figures.sentences(), english, corpus.size() - english, ordinary, figures.spans());
        System.out.printf("recall: %.4f (%d of %d personal spans removed whole)%n",
                figures.recall(), figures.spansRemoved(), figures.spans());
        figures.byKind().forEach((kind, counts) -> System.out.printf("  %-8s %.4f (%d of %d)%n",
                kind, (double) counts[1] / counts[0], counts[1], counts[0]));
        System.out.printf("false removals: %.4f (%d of %d ordinary words removed)%n",
                figures.falseRemovalShare(), figures.wordsRemoved(), figures.words());
        if (verbose) {
            figures.misses().forEach(m -> System.out.println("missed " + m));
            figures.falseRemovals().forEach(f -> System.out.println("removed " + f));
        }
    }
}
