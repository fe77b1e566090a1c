package io.curbside.api.ogc;

import io.curbside.api.support.PublicUrls;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The HTML encoding of each resource, drawn from its JSON document: for a person with a browser.
 * Server-rendered, every text escaped, a few lines of CSS of its own and nothing fetched from elsewhere.
 */
@Singleton
class OgcPages {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
            + "padding:0 1rem;line-height:1.45;color:#1b1b1b}table{border-collapse:collapse;width:100%}"
            + "th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}"
            + "nav a{margin-right:1rem}code{font-size:.9em}";

    private final PublicUrls urls;

    OgcPages(PublicUrls urls) {
        this.urls = urls;
    }

    String landing(Map<String, Object> landing) {
        StringBuilder body = new StringBuilder();
        body.append("<p>").append(escape(landing.get("description"))).append("</p>");
        body.append(linkList(links(landing)));
        return page(String.valueOf(landing.get("title")), body);
    }

    String conformance(Map<String, Object> conformance) {
        StringBuilder body = new StringBuilder("<p>This server implements these conformance classes:</p><ul>");
        for (Object uri : (List<?>) conformance.get("conformsTo")) {
            body.append("<li><code>").append(escape(uri)).append("</code></li>");
        }
        return page("Conformance", body.append("</ul>"));
    }

    String collections(Map<String, Object> collections) {
        StringBuilder body = new StringBuilder("<table><thead><tr><th>Collection</th><th>Description</th>"
                + "<th>Features</th></tr></thead><tbody>");
        for (Object each : (List<?>) collections.get("collections")) {
            Map<?, ?> collection = (Map<?, ?>) each;
            body.append("<tr><td>").append(anchor(href(collection, "alternate", Link.HTML), collection.get("title")))
                    .append("<br><code>").append(escape(collection.get("id"))).append("</code></td><td>")
                    .append(escape(collection.get("description"))).append("</td><td>")
                    .append(anchor(href(collection, "items", Link.HTML), "browse")).append("</td></tr>");
        }
        if (((List<?>) collections.get("collections")).isEmpty()) {
            body.append("<tr><td colspan=\"3\">No collection is published yet.</td></tr>");
        }
        return page("Collections", body.append("</tbody></table>"));
    }

    String collection(Map<String, Object> collection) {
        StringBuilder body = new StringBuilder();
        body.append("<p>").append(escape(collection.get("description"))).append("</p>");
        Map<?, ?> extent = (Map<?, ?>) collection.get("extent");
        if (extent.get("spatial") instanceof Map<?, ?> spatial) {
            body.append("<p>Extent (longitude, latitude): <code>")
                    .append(escape(((List<?>) spatial.get("bbox")).get(0))).append("</code></p>");
        }
        body.append("<p>").append(anchor(href(collection, "items", Link.HTML), "Browse the features")).append("</p>");
        return page(String.valueOf(collection.get("title")), body.append(linkList(links(collection))));
    }

    /** A page of features; {@code itemHref} is the address of a feature's own page. */
    String items(String title, Map<String, Object> items, Function<Object, String> itemHref) {
        StringBuilder body = new StringBuilder("<p>").append(escape(items.get("numberReturned")));
        if (items.containsKey("numberMatched")) {
            body.append(" of ").append(escape(items.get("numberMatched")));
        } else if (items.containsKey("numberMatchedEstimate")) {
            body.append(" of about ").append(escape(items.get("numberMatchedEstimate")));
        }
        body.append(" features.</p><table><thead><tr><th>id</th><th>properties</th></tr></thead><tbody>");
        for (Object each : (List<?>) items.get("features")) {
            Map<?, ?> feature = (Map<?, ?>) each;
            body.append("<tr><td>").append(anchor(itemHref.apply(feature.get("id")), feature.get("id"))).append("</td><td>").append(properties((Map<?, ?>) feature.get("properties")))
                    .append("</td></tr>");
        }
        body.append("</tbody></table>");
        String next = href(items, "next", Link.HTML);
        if (next != null) {
            body.append("<p>").append(anchor(next, "Next page")).append("</p>");
        }
        return page(title, body.append(linkList(links(items))));
    }

    String item(Map<String, Object> feature) {
        StringBuilder body = new StringBuilder(properties((Map<?, ?>) feature.get("properties")));
        Map<?, ?> geometry = (Map<?, ?>) feature.get("geometry");
        body.append("<p>Geometry: ").append(escape(geometry == null ? "none" : geometry.get("type"))).append("</p>");
        return page("Feature " + feature.get("id"), body.append(linkList(links(feature))));
    }

    /** The data dictionary: the fields, the point, the classes with their services, the scrubber, what is never published. */
    String dictionary(Map<String, Object> dictionary) {
        StringBuilder body = new StringBuilder("<p>").append(escape(dictionary.get("description"))).append("</p>")
                .append("<h2>Fields</h2><table><thead><tr><th>Field</th><th>Type</th><th>Null?</th><th>What it holds</th>"
                        + "<th>Generalization</th></tr></thead><tbody>");
        for (Object each : (List<?>) dictionary.get("fields")) {
            Map<?, ?> field = (Map<?, ?>) each;
            body.append("<tr><td><code>").append(escape(field.get("name"))).append("</code></td><td>")
                    .append(escape(field.get("type"))).append(field.get("format") == null ? ""
                            : " (" + escape(field.get("format")) + ")").append("</td><td>")
                    .append(Boolean.TRUE.equals(field.get("nullable")) ? "yes" : "no").append("</td><td>")
                    .append(escape(field.get("description"))).append("</td><td>")
                    .append(field.get("generalization") == null ? "" : escape(field.get("generalization"))).append("</td></tr>");
        }
        Map<?, ?> geometry = (Map<?, ?>) dictionary.get("geometry");
        body.append("</tbody></table><h2>Geometry</h2><p>").append(escape(geometry.get("type"))).append(" in <code>")
                .append(escape(geometry.get("crs"))).append("</code>: ").append(escape(geometry.get("description")))
                .append("</p><p>").append(escape(geometry.get("generalization"))).append("</p>");
        body.append("<h2>Privacy classes</h2><p>Each service has a privacy class, which decides what of its requests "
                + "is published.</p><table><thead><tr><th>Class</th><th>What is published</th><th>Services</th></tr>"
                + "</thead><tbody>");
        for (Object each : (List<?>) dictionary.get("privacy_classes")) {
            Map<?, ?> privacy = (Map<?, ?>) each;
            StringBuilder services = new StringBuilder();
            for (Object service : (List<?>) privacy.get("services")) {
                Map<?, ?> s = (Map<?, ?>) service;
                services.append(services.isEmpty() ? "" : ", ").append(escape(s.get("name"))).append(" (<code>")
                        .append(escape(s.get("code"))).append("</code>)");
            }
            body.append("<tr><td>").append(escape(privacy.get("class"))).append("</td><td>")
                    .append(escape(privacy.get("summary"))).append("</td><td>")
                    .append(services.isEmpty() ? "none" : services).append("</td></tr>");
        }
        body.append("</tbody></table><h2>What the scrubber takes out of text</h2><ul>");
        for (Object each : (List<?>) dictionary.get("scrubbed_from_text")) {
            Map<?, ?> rule = (Map<?, ?>) each;
            body.append("<li><code>").append(escape(rule.get("marker"))).append("</code> in place of ")
                    .append(escape(rule.get("removes"))).append("</li>");
        }
        body.append("</ul><h2>Never published</h2><ul>");
        for (Object each : (List<?>) dictionary.get("never_published")) {
            body.append("<li>").append(escape(each)).append("</li>");
        }
        return page(String.valueOf(dictionary.get("title")), body.append("</ul>").append(linkList(links(dictionary))));
    }

    private static String properties(Map<?, ?> properties) {
        StringBuilder table = new StringBuilder("<table><tbody>");
        properties.forEach((name, value) -> table.append("<tr><th>").append(escape(name)).append("</th><td>")
                .append(escape(value)).append("</td></tr>"));
        return table.append("</tbody></table>").toString();
    }

    private static String linkList(List<Map<?, ?>> links) {
        StringBuilder list = new StringBuilder("<h2>Links</h2><ul>");
        for (Map<?, ?> link : links) {
            list.append("<li>").append(anchor(String.valueOf(link.get("href")), link.get("title")))
                    .append(" <small>(").append(escape(link.get("rel"))).append(", ").append(escape(link.get("type")))
                    .append(")</small></li>");
        }
        return list.append("</ul>").toString();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> links(Map<?, ?> document) {
        return (List<Map<?, ?>>) document.get("links");
    }

    private static String href(Map<?, ?> document, String rel, String type) {
        return links(document).stream().filter(l -> rel.equals(l.get("rel")) && type.equals(l.get("type")))
                .map(l -> String.valueOf(l.get("href"))).findFirst().orElse(null);
    }

    private static String anchor(String href, Object text) {
        return href == null ? escape(text) : "<a href=\"" + escape(href) + "\">" + escape(text) + "</a>";
    }

    private String page(String title, CharSequence body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
                + "</title><style>" + STYLE + "</style></head><body><nav><a href=\"" + escape(urls.of(OgcDocuments.BASE + "?f=html"))
                + "\">Home</a><a href=\"" + escape(urls.of(OgcDocuments.BASE + "/collections?f=html"))
                + "\">Collections</a></nav><h1>" + escape(title) + "</h1>" + body
                + "</body></html>";
    }

    static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
