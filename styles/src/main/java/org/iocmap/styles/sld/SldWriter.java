package org.iocmap.styles.sld;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.iocmap.styles.ColourRamp;
import org.iocmap.styles.GeometryKind;
import org.iocmap.styles.Label;
import org.iocmap.styles.Legend;
import org.iocmap.styles.Rule;
import org.iocmap.styles.Style;
import org.iocmap.styles.Symbol;

/**
 * Writes a layer's style as an OGC Styled Layer Descriptor 1.0.0 document (OGC 02-070), which map servers such as
 * GeoServer and MapServer, and desktop GIS such as QGIS, read. The document is valid against the OGC schema
 * {@code http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd}; the tests check every default style against it.
 *
 * <p><b>Shape.</b> One {@code NamedLayer} named as the layer, holding one default {@code UserStyle}: its {@code Title} is
 * the layer's Vietnamese title and its {@code Abstract} says in Vietnamese, then in English, what the colours show. The
 * first {@code FeatureTypeStyle} has one {@code Rule} per legend entry, in the order of {@link Legend}, so a server's
 * legend lists what the page's legend lists. Each rule's {@code Title} is the Vietnamese text and its {@code Abstract}
 * the English one. With {@link #withLabels(String)} a second {@code FeatureTypeStyle} writes the labels; it has to be a
 * separate one, because a rule without a filter would match every feature and so silence the {@code ElseFilter} rule.
 *
 * <p><b>Filters.</b> The style model has one kind of rule, "property equals value", and it maps exactly: a rule becomes
 * {@code ogc:PropertyIsEqualTo} of {@code ogc:PropertyName} and {@code ogc:Literal}, and the default symbol becomes the
 * {@code sld:ElseFilter} rule, which SLD applies to the features no other rule of the same {@code FeatureTypeStyle}
 * matched: those with another value or without the property, as on the page. Stepped colour ramps map to ranges:
 * {@code PropertyIsLessThanOrEqualTo} for the first class, {@code ogc:And} of {@code PropertyIsGreaterThan} and
 * {@code PropertyIsLessThanOrEqualTo} for the middle ones, {@code PropertyIsGreaterThan} for the last, and an
 * {@code ElseFilter} rule for features without a value. What the document cannot say exactly:
 *
 * <ul>
 *   <li>Filter 1.0 has no {@code matchCase} attribute (it came with Filter 1.1), so whether {@code Online} matches
 *       {@code online} is the server's choice; the model and the page compare exactly, and so does GeoServer by default.
 *   <li>The page compares values as text ({@code String(value)}); a server compares a numeric property with a numeric
 *       literal as numbers, so a rule value {@code 7.0} matches the number 7 on a server but not on the page.
 *   <li>Interpolated ramps have no vector form in SLD 1.0 (no interpolation function; only raster {@code ColorMap}), so
 *       only stepped ramps are written.
 *   <li>The page draws point markers as badges with the layer's icon glyph, at least 18 pixels wide; the document draws
 *       the model's plain circle, {@code 2 × radius} pixels wide, because the glyphs are the page's own drawings.
 * </ul>
 *
 * <p><b>Symbols</b> follow the {@link GeometryKind} given by {@link #withGeometry(GeometryKind)}, or guessed from the
 * style ({@link GeometryKind#guessFrom(Style)}): a {@code PointSymbolizer} with a {@code circle} {@code Mark}, a
 * {@code LineSymbolizer} stroked in the fill colour {@code max(2, strokeWidth + 1)} pixels wide as the page draws lines,
 * or a {@code PolygonSymbolizer}. An outline of width 0 is left out, since SLD would draw a missing width as 1 pixel.
 *
 * <p><b>Text.</b> UTF-8; element content is escaped by the XML writer, and a carriage return is written as a character
 * reference so that it survives parsing. Text XML 1.0 cannot carry at all (most control characters, unpaired
 * surrogates, U+FFFE and U+FFFF) is rejected with {@link IllegalArgumentException} naming the field, rather than
 * replaced, because a changed filter value would silently match other features.
 *
 * <p>Instances are immutable and thread-safe; the {@code with…} methods return new writers.
 */
public final class SldWriter {
    /** The namespace of SLD elements. */
    public static final String SLD_NS = "http://www.opengis.net/sld";

    /** The namespace of filter elements. */
    public static final String OGC_NS = "http://www.opengis.net/ogc";

    /** The namespace of links; declared because the SLD schema's {@code OnlineResource} uses it. */
    public static final String XLINK_NS = "http://www.w3.org/1999/xlink";

    /** The namespace of GML; declared because filters may carry GML geometries. */
    public static final String GML_NS = "http://www.opengis.net/gml";

    /** The location of the OGC SLD 1.0.0 schema, written into {@code xsi:schemaLocation}. */
    public static final String SCHEMA_URL = "http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd";

    /** The font family asked for in labels: it has every Vietnamese glyph, and the legend PNG uses it too. */
    public static final String LABEL_FONT = "DejaVu Sans";

    private static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String TEXT_COLOUR = "#212121";
    private static final String HALO_COLOUR = "#ffffff";

    private final String layerName;
    private final Label title;
    private final GeometryKind geometry;
    private final String labelProperty;

    private SldWriter(String layerName, Label title, GeometryKind geometry, String labelProperty) {
        this.layerName = layerName;
        this.title = title;
        this.geometry = geometry;
        this.labelProperty = labelProperty;
    }

    /**
     * Creates a writer for the layer a map server knows as {@code layerName}, titled {@code title}. It guesses the
     * geometry kind from each style and writes no labels.
     *
     * @throws IllegalArgumentException when {@code layerName} is blank or has characters XML cannot carry
     */
    public static SldWriter forLayer(String layerName, Label title) {
        requireName("layerName", layerName);
        Objects.requireNonNull(title, "title");
        return new SldWriter(layerName, title, null, null);
    }

    /** Returns a writer that draws every symbol as {@code kind}, such as the kind of the layer's geometry type. */
    public SldWriter withGeometry(GeometryKind kind) {
        return new SldWriter(layerName, title, Objects.requireNonNull(kind, "kind"), labelProperty);
    }

    /**
     * Returns a writer that also labels each feature with the value of {@code property}, in {@link #LABEL_FONT} with a
     * white halo: below point markers, along lines, and at the centre of areas.
     *
     * @throws IllegalArgumentException when {@code property} is blank or has characters XML cannot carry
     */
    public SldWriter withLabels(String property) {
        requireName("label property", property);
        return new SldWriter(layerName, title, geometry, property);
    }

    /** Returns the SLD document of {@code style} as a string. */
    public String write(Style style) {
        return toText(out -> write(style, out));
    }

    /**
     * Writes the SLD document of {@code style} to {@code out} in UTF-8; {@code out} is left open.
     *
     * @throws IOException when {@code out} fails
     * @throws IllegalArgumentException when a title, value or property has characters XML 1.0 cannot carry
     */
    public void write(Style style, OutputStream out) throws IOException {
        Objects.requireNonNull(style, "style");
        List<SldRule> rules = new ArrayList<>(style.rules().size() + 1);
        for (Rule rule : style.rules()) {
            rules.add(new SldRule(
                    rule.value(),
                    rule.title(),
                    new Comparison("PropertyIsEqualTo", style.property(), rule.value()),
                    rule.symbol()));
        }
        // The same label and position as the default entry of Legend.of(style).
        if (style.hasRules()) {
            rules.add(new SldRule(null, Legend.OTHER, new Otherwise(), style.symbol()));
        } else {
            rules.add(new SldRule(null, Legend.ALL, new Always(), style.symbol()));
        }
        String summaryVi =
                style.hasRules() ? "màu theo thuộc tính " + style.property() + "." : "một ký hiệu cho mọi đối tượng.";
        String summaryEn = style.hasRules()
                ? "coloured by the property " + style.property() + "."
                : "one symbol for every feature.";
        GeometryKind kind = geometry != null ? geometry : GeometryKind.guessFrom(style);
        writeDocument(out, summaryVi, summaryEn, kind, rules);
    }

    /**
     * Returns the SLD document of a layer coloured by a stepped ramp, such as stations by {@link ColourRamp#VN_AQI}: a
     * rule per class, drawn as {@code noValue} in the class colour, then {@code noValue} itself for features without a
     * value. The rules follow {@link Legend#of(ColourRamp, Symbol)}.
     *
     * @param property the numeric feature property the classes compare, such as {@code last_aqi}
     * @throws IllegalArgumentException when {@code ramp} is interpolated, which SLD 1.0 cannot express for features
     */
    public String write(ColourRamp ramp, String property, Symbol noValue) {
        return toText(out -> write(ramp, property, noValue, out));
    }

    /**
     * Writes the SLD document of a layer coloured by a stepped ramp to {@code out} in UTF-8; see
     * {@link #write(ColourRamp, String, Symbol)}. {@code out} is left open.
     *
     * @throws IOException when {@code out} fails
     */
    public void write(ColourRamp ramp, String property, Symbol noValue, OutputStream out) throws IOException {
        Objects.requireNonNull(ramp, "ramp");
        requireName("property", property);
        Legend legend = Legend.of(ramp, noValue); // rejects interpolated ramps
        List<ColourRamp.Stop> stops = ramp.stops();
        List<SldRule> rules = new ArrayList<>(stops.size() + 1);
        for (int i = 0; i < stops.size(); i++) {
            Condition condition;
            Comparison atMost = new Comparison(
                    "PropertyIsLessThanOrEqualTo", property, number(stops.get(i).value()));
            if (stops.size() == 1) {
                // One class holds every value; only features without one fall to the ElseFilter rule.
                condition = new Negation(new IsNull(property));
            } else if (i == 0) {
                condition = atMost;
            } else {
                Comparison above = new Comparison(
                        "PropertyIsGreaterThan",
                        property,
                        number(stops.get(i - 1).value()));
                // The last class is open above, so an index reported above its nominal maximum keeps the worst colour.
                condition = i == stops.size() - 1 ? above : new AllOf(List.of(above, atMost));
            }
            Legend.Entry entry = legend.entries().get(i);
            rules.add(new SldRule(ramp.name() + "_" + (i + 1), entry.label(), condition, entry.symbol()));
        }
        rules.add(new SldRule(null, Legend.NO_VALUE, new Otherwise(), noValue));
        GeometryKind kind = geometry != null ? geometry : GeometryKind.guessFrom(noValue);
        writeDocument(
                out,
                "màu theo " + ramp.title().vi() + ", thuộc tính " + property + ".",
                "coloured by " + ramp.title().en() + ", property " + property + ".",
                kind,
                rules);
    }

    private void writeDocument(
            OutputStream out, String summaryVi, String summaryEn, GeometryKind kind, List<SldRule> rules)
            throws IOException {
        // Check every text first, so that a bad value fails before anything is written to the caller's stream.
        requireXmlText("layer title (vi)", title.vi());
        requireXmlText("layer title (en)", title.en());
        for (SldRule rule : rules) {
            rule.checkText();
        }
        try {
            Xml xml = new Xml(XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8"));
            xml.writer.writeStartDocument("UTF-8", "1.0");
            xml.start("StyledLayerDescriptor");
            xml.writer.writeNamespace("sld", SLD_NS);
            xml.writer.writeNamespace("ogc", OGC_NS);
            xml.writer.writeNamespace("xlink", XLINK_NS);
            xml.writer.writeNamespace("gml", GML_NS);
            xml.writer.writeNamespace("xsi", XSI_NS);
            xml.writer.writeAttribute("version", "1.0.0");
            xml.writer.writeAttribute("xsi", XSI_NS, "schemaLocation", SLD_NS + " " + SCHEMA_URL);
            xml.start("NamedLayer");
            xml.leaf("Name", layerName);
            xml.start("UserStyle");
            xml.leaf("Name", layerName);
            xml.leaf("Title", title.vi());
            xml.leaf("Abstract", title.vi() + ": " + summaryVi + " English: " + title.en() + ", " + summaryEn);
            xml.leaf("IsDefault", "1");
            xml.start("FeatureTypeStyle");
            for (SldRule rule : rules) {
                writeRule(xml, rule, kind);
            }
            xml.end();
            if (labelProperty != null) {
                writeLabels(xml, kind, rules);
            }
            xml.end(); // UserStyle
            xml.end(); // NamedLayer
            xml.end(); // StyledLayerDescriptor
            xml.writer.writeCharacters("\n");
            xml.writer.writeEndDocument();
            xml.writer.flush();
            xml.writer.close(); // does not close out
        } catch (XMLStreamException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot write the SLD of layer " + layerName, e);
        }
    }

    private static void writeRule(Xml xml, SldRule rule, GeometryKind kind) throws XMLStreamException {
        xml.start("Rule");
        if (rule.name() != null) {
            xml.leaf("Name", rule.name());
        }
        xml.leaf("Title", rule.title().vi());
        xml.leaf("Abstract", rule.title().en());
        switch (rule.condition()) {
            case Always always -> {
                // no filter: the rule applies to every feature
            }
            case Otherwise otherwise -> xml.empty(SLD_NS, "ElseFilter");
            default -> {
                xml.start(OGC_NS, "Filter");
                writeCondition(xml, rule.condition());
                xml.end();
            }
        }
        writeSymbolizer(xml, rule.symbol(), kind);
        xml.end();
    }

    private static void writeCondition(Xml xml, Condition condition) throws XMLStreamException {
        switch (condition) {
            case Comparison c -> {
                xml.start(OGC_NS, c.operator());
                xml.leaf(OGC_NS, "PropertyName", c.property());
                xml.leaf(OGC_NS, "Literal", c.literal());
                xml.end();
            }
            case AllOf all -> {
                xml.start(OGC_NS, "And");
                for (Condition part : all.parts()) {
                    writeCondition(xml, part);
                }
                xml.end();
            }
            case Negation not -> {
                xml.start(OGC_NS, "Not");
                writeCondition(xml, not.negated());
                xml.end();
            }
            case IsNull isNull -> {
                xml.start(OGC_NS, "PropertyIsNull");
                xml.leaf(OGC_NS, "PropertyName", isNull.property());
                xml.end();
            }
            case Always always -> throw new IllegalStateException("an unfiltered rule has no filter element");
            case Otherwise otherwise -> throw new IllegalStateException("ElseFilter is not an ogc:Filter");
        }
    }

    private static void writeSymbolizer(Xml xml, Symbol symbol, GeometryKind kind) throws XMLStreamException {
        switch (kind) {
            case POINT -> {
                xml.start("PointSymbolizer");
                xml.start("Graphic");
                xml.start("Mark");
                xml.leaf("WellKnownName", "circle");
                writeFill(xml, symbol.fill(), symbol.fillOpacity());
                if (symbol.strokeWidth() > 0) {
                    writeStroke(xml, symbol.stroke(), symbol.strokeWidth(), false);
                }
                xml.end();
                if (symbol.radius() > 0) {
                    // SLD sizes a mark by its height in pixels: the circle's diameter.
                    xml.leaf("Size", number(2 * symbol.radius()));
                }
                xml.end();
                xml.end();
            }
            case LINE -> {
                xml.start("LineSymbolizer");
                // The page draws lines in the fill colour at least 2 pixels wide (style.js pathOptions); so does this.
                writeStroke(xml, symbol.fill(), Math.max(2, symbol.strokeWidth() + 1), true);
                xml.end();
            }
            case POLYGON -> {
                xml.start("PolygonSymbolizer");
                writeFill(xml, symbol.fill(), symbol.fillOpacity());
                if (symbol.strokeWidth() > 0) {
                    writeStroke(xml, symbol.stroke(), symbol.strokeWidth(), true);
                }
                xml.end();
            }
        }
    }

    private static void writeFill(Xml xml, String colour, double opacity) throws XMLStreamException {
        xml.start("Fill");
        xml.css("fill", colour);
        xml.css("fill-opacity", number(opacity));
        xml.end();
    }

    private static void writeStroke(Xml xml, String colour, double width, boolean round) throws XMLStreamException {
        xml.start("Stroke");
        xml.css("stroke", colour);
        xml.css("stroke-width", number(width));
        if (round) {
            // Leaflet's defaults, which the page keeps, so that corners and line ends look the same.
            xml.css("stroke-linejoin", "round");
            xml.css("stroke-linecap", "round");
        }
        xml.end();
    }

    private void writeLabels(Xml xml, GeometryKind kind, List<SldRule> rules) throws XMLStreamException {
        xml.start("FeatureTypeStyle");
        xml.start("Rule");
        xml.leaf("Title", "Nhãn: " + labelProperty);
        xml.leaf("Abstract", "Labels: " + labelProperty);
        xml.start("TextSymbolizer");
        xml.start("Label");
        xml.leaf(OGC_NS, "PropertyName", labelProperty);
        xml.end();
        xml.start("Font");
        xml.css("font-family", LABEL_FONT);
        xml.css("font-size", "12");
        xml.end();
        xml.start("LabelPlacement");
        switch (kind) {
            case POINT -> {
                double radius = rules.stream()
                        .mapToDouble(rule -> rule.symbol().radius())
                        .max()
                        .orElse(0);
                xml.start("PointPlacement");
                anchor(xml, "0.5", "1");
                // Below the largest marker of the layer, with a small gap.
                displacement(xml, "0", number(-(radius + 3)));
                xml.end();
            }
            case LINE -> xml.empty(SLD_NS, "LinePlacement");
            case POLYGON -> {
                xml.start("PointPlacement");
                anchor(xml, "0.5", "0.5");
                xml.end();
            }
        }
        xml.end(); // LabelPlacement
        xml.start("Halo");
        xml.leaf("Radius", "1.5");
        xml.start("Fill");
        xml.css("fill", HALO_COLOUR);
        xml.end();
        xml.end();
        xml.start("Fill");
        xml.css("fill", TEXT_COLOUR);
        xml.end();
        xml.end(); // TextSymbolizer
        xml.end(); // Rule
        xml.end(); // FeatureTypeStyle
    }

    private static void anchor(Xml xml, String x, String y) throws XMLStreamException {
        xml.start("AnchorPoint");
        xml.leaf("AnchorPointX", x);
        xml.leaf("AnchorPointY", y);
        xml.end();
    }

    private static void displacement(Xml xml, String x, String y) throws XMLStreamException {
        xml.start("Displacement");
        xml.leaf("DisplacementX", x);
        xml.leaf("DisplacementY", y);
        xml.end();
    }

    /** Writes a number without exponent or trailing zeros: 14.0 becomes {@code 14}, 0.850 becomes {@code 0.85}. */
    static String number(double value) {
        if (value == 0) {
            return "0"; // also -0.0
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static void requireName(String field, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, was " + quote(name));
        }
        requireXmlText(field, name);
    }

    /** Rejects text that XML 1.0 cannot carry: its Char production allows tab, LF, CR and U+0020 upwards, less a few. */
    static void requireXmlText(String field, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean legal;
            if (Character.isHighSurrogate(c)) {
                legal = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                i++; // the pair is one supplementary character, which XML allows
            } else {
                legal = c == '\t'
                        || c == '\n'
                        || c == '\r'
                        || (c >= 0x20 && c <= 0xd7ff)
                        || (c >= 0xe000 && c <= 0xfffd);
            }
            if (!legal) {
                throw new IllegalArgumentException(field + " " + quote(text) + " has the character U+"
                        + String.format("%04X", (int) c) + " at index " + i
                        + ", which XML 1.0 cannot carry; an SLD document cannot contain it");
            }
        }
    }

    /** Quotes {@code text} for a message, writing characters that would not print as Java escapes (backslash, u, hex). */
    private static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !isPaired(text, i)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static boolean isPaired(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c)
                ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    private static String toText(StreamWrite action) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            action.writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory failed", e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface StreamWrite {
        void writeTo(OutputStream out) throws IOException;
    }

    /** One SLD rule: an optional name, the legend title, which features it applies to, and how they are drawn. */
    private record SldRule(String name, Label title, Condition condition, Symbol symbol) {
        void checkText() {
            // The condition first: a rule's name is its value, and the message should say "rule value".
            condition.checkText();
            requireXmlText("rule title (vi)", title.vi());
            requireXmlText("rule title (en)", title.en());
            if (name != null) {
                requireXmlText("rule name", name);
            }
        }
    }

    /** Which features a rule applies to; rendered as {@code ogc:Filter} content or {@code sld:ElseFilter}. */
    private sealed interface Condition permits Always, Otherwise, Comparison, AllOf, Negation, IsNull {
        default void checkText() {}
    }

    /** Every feature: the rule has no filter. */
    private record Always() implements Condition {}

    /** The features no other rule matched: {@code sld:ElseFilter}. */
    private record Otherwise() implements Condition {}

    /** A binary comparison of a property with a literal, such as {@code PropertyIsEqualTo}. */
    private record Comparison(String operator, String property, String literal) implements Condition {
        @Override
        public void checkText() {
            requireXmlText("property name", property);
            requireXmlText("rule value", literal);
        }
    }

    private record AllOf(List<Condition> parts) implements Condition {
        @Override
        public void checkText() {
            parts.forEach(Condition::checkText);
        }
    }

    private record Negation(Condition negated) implements Condition {
        @Override
        public void checkText() {
            negated.checkText();
        }
    }

    private record IsNull(String property) implements Condition {
        @Override
        public void checkText() {
            requireXmlText("property name", property);
        }
    }

    /**
     * Writes elements indented by two spaces, one per line. Whitespace goes only between elements, never inside the
     * mixed-content ones ({@code CssParameter}, {@code Literal}, {@code PropertyName}), whose text is their value.
     */
    private static final class Xml {
        final XMLStreamWriter writer;
        private final Deque<Boolean> hasChildren = new ArrayDeque<>();

        Xml(XMLStreamWriter writer) {
            this.writer = writer;
        }

        void start(String localName) throws XMLStreamException {
            start(SLD_NS, localName);
        }

        void start(String namespace, String localName) throws XMLStreamException {
            indent();
            writer.writeStartElement(prefix(namespace), localName, namespace);
            hasChildren.push(false);
        }

        void end() throws XMLStreamException {
            boolean children = hasChildren.pop();
            if (children) {
                newLine(hasChildren.size());
            }
            writer.writeEndElement();
        }

        void empty(String namespace, String localName) throws XMLStreamException {
            indent();
            writer.writeEmptyElement(prefix(namespace), localName, namespace);
        }

        void leaf(String localName, String text) throws XMLStreamException {
            leaf(SLD_NS, localName, text);
        }

        void leaf(String namespace, String localName, String text) throws XMLStreamException {
            indent();
            writer.writeStartElement(prefix(namespace), localName, namespace);
            text(text);
            writer.writeEndElement();
        }

        void css(String name, String value) throws XMLStreamException {
            indent();
            writer.writeStartElement("sld", "CssParameter", SLD_NS);
            writer.writeAttribute("name", name);
            text(value);
            writer.writeEndElement();
        }

        private void text(String text) throws XMLStreamException {
            int from = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\r') {
                    // A raw CR would be read back as LF (XML end-of-line handling); a character reference keeps it.
                    writer.writeCharacters(text.substring(from, i));
                    writer.writeEntityRef("#13");
                    from = i + 1;
                }
            }
            writer.writeCharacters(text.substring(from));
        }

        private void indent() throws XMLStreamException {
            if (!hasChildren.isEmpty()) {
                hasChildren.pop();
                hasChildren.push(true);
            }
            newLine(hasChildren.size());
        }

        private void newLine(int depth) throws XMLStreamException {
            writer.writeCharacters("\n" + "  ".repeat(depth));
        }

        private static String prefix(String namespace) {
            return namespace.equals(OGC_NS) ? "ogc" : "sld";
        }
    }
}
