package io.curbside.api.open311;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes an Open311 document, given as ordered maps (elements), lists and plain values, in either
 * format: JSON as it is (a list is a bare array), XML through StAX with the spec's element names,
 * the root and each list's items named by {@link #ITEMS}. A null is {@code null} in JSON and an
 * empty element in XML. Never built by string concatenation: StAX escapes every value.
 */
@Singleton
class Open311Writer {

    /** What the items of each list of the spec are called in XML. */
    private static final Map<String, String> ITEMS = Map.of(
            "services", "service",
            "service_requests", "request",
            "errors", "error",
            "attributes", "attribute",
            "values", "value",
            "endpoints", "endpoint",
            "formats", "format",
            "notes", "note",
            "photos", "photo",
            "districts", "district");

    private final XMLOutputFactory xml = XMLOutputFactory.newFactory();
    private final JsonMapper json;

    Open311Writer(JsonMapper json) {
        this.json = json;
    }

    /**
     * The bytes of the document. {@code root} names the XML root element: for a list, the items are
     * named by {@link #ITEMS}; for a map, its entries are the root's children.
     */
    byte[] write(Open311Format format, String root, Object document) {
        return format == Open311Format.JSON ? json(document) : xml(root, document);
    }

    private byte[] json(Object document) {
        try {
            return json.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] xml(String root, Object document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = xml.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            element(w, root, document);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("an Open311 document could not be written as XML", e);
        }
        return out.toByteArray();
    }

    private void element(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        if (value == null) {
            w.writeEmptyElement(name);
            return;
        }
        w.writeStartElement(name);
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                element(w, (String) entry.getKey(), entry.getValue());
            }
        } else if (value instanceof List<?> list) {
            String item = ITEMS.get(name);
            if (item == null) {
                throw new IllegalStateException("no XML name for the items of " + name);
            }
            for (Object each : list) {
                element(w, item, each);
            }
        } else {
            // A double as digits ("0.0001"), never Java's "1.0E-4", which xs:decimal does not read.
            w.writeCharacters(value instanceof Double d ? BigDecimal.valueOf(d).toPlainString() : value.toString());
        }
        w.writeEndElement();
    }
}
