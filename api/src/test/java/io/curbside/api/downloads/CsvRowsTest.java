package io.curbside.api.downloads;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One CSV field: RFC 4180 quoting, and text a spreadsheet would run as a formula neutralised, numbers untouched. */
class CsvRowsTest {

    @Test
    void aFieldIsQuotedOnlyWhenItMustBeAndQuotesAreDoubled() {
        assertEquals("plain text", CsvRows.field("plain text"));
        assertEquals("\"a, b\"", CsvRows.field("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvRows.field("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvRows.field("two\nlines"));
        assertEquals("\"carriage\rreturn\"", CsvRows.field("carriage\rreturn"));
        assertEquals("", CsvRows.field(null));
        assertEquals("", CsvRows.field(""));
    }

    @Test
    void textThatASpreadsheetWouldRunGetsAnApostrophe() {
        for (String formula : List.of("=HYPERLINK(\"http://evil\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx")) {
            String field = CsvRows.field(formula);
            List<List<String>> read = Rfc4180.parse(field + "\r\n");
            assertEquals("'" + formula, read.get(0).get(0), formula);
        }
        assertEquals("a=b", CsvRows.field("a=b"), "only a leading sign counts");
    }

    @Test
    void numbersAndBooleansAreWrittenAsTheyAre() {
        assertEquals("-82.99225", CsvRows.field(BigDecimal.valueOf(-82.99225)));
        assertEquals("0.00001", CsvRows.field(BigDecimal.valueOf(0.00001)), "never 1.0E-5");
        assertEquals("-3", CsvRows.field(-3));
        assertEquals("true", CsvRows.field(true));
    }
}
