package org.iocmap.styles.sld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.iocmap.styles.ColourRamp;
import org.iocmap.styles.DefaultStyles;
import org.iocmap.styles.GeometryKind;
import org.iocmap.styles.Label;
import org.iocmap.styles.LandUseColours;
import org.iocmap.styles.Legend;
import org.iocmap.styles.Rule;
import org.iocmap.styles.Style;
import org.iocmap.styles.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class SldWriterTest {
    /** Mirrors the kind ids of {@code LayerKind} in the layers module, as {@code DefaultStylesTest} does. */
    private static final List<String> KIND_IDS =
            List.of("camera", "citizen_report", "env_station", "vessel", "land_use_plan", "fire_alarm", "generic");

    private static final Label TITLE = Label.of("Camera giám sát", "Surveillance cameras");
    private static final Symbol BLUE = new Symbol("#1565c0", 0.85, "#ffffff", 1.5, 7);
    private static final Symbol GREY = new Symbol("#9e9e9e", 0.85, "#ffffff", 1.5, 6);
    private static final Style CAMERA = Style.byProperty(
            "camera", BLUE, "status", List.of(new Rule("offline", Label.of("Mất kết nối", "Offline"), GREY)));

    static Stream<Arguments> everyDefaultStyleAsEveryKind() {
        List<Arguments> cases = new ArrayList<>();
        for (String kind : KIND_IDS) {
            cases.add(Arguments.of(kind, null, null));
            for (GeometryKind geometry : GeometryKind.values()) {
                cases.add(Arguments.of(kind, geometry, null));
                cases.add(Arguments.of(kind, geometry, "name"));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}, labels {2}")
    @MethodSource("everyDefaultStyleAsEveryKind")
    void everyDefaultStyleIsValidSld(String kind, GeometryKind geometry, String labels) {
        SldWriter writer = SldWriter.forLayer(kind, Label.of("Lớp " + kind, "Layer " + kind));
        if (geometry != null) {
            writer = writer.withGeometry(geometry);
        }
        if (labels != null) {
            writer = writer.withLabels(labels);
        }

        checkValid(writer.write(DefaultStyles.forKind(kind)));
    }

    @Test
    void landUseStyleIsValidSldWithARulePerCodeThenTheFallback() {
        String sld = SldWriter.forLayer("land_use_plan", Label.of("Quy hoạch sử dụng đất", "Land-use plan"))
                .write(DefaultStyles.forKind("land_use_plan"));

        checkValid(sld);
        List<Element> rules = rulesOf(parse(sld));
        assertThat(rules).hasSize(LandUseColours.all().size() + 1);
        assertThat(child(rules.getFirst(), SldWriter.SLD_NS, "Title").getTextContent())
                .isEqualTo("Đất chuyên trồng lúa nước");
        assertThat(literalOf(rules.getFirst())).isEqualTo("LUC");
        assertThat(cssOf(rules.getFirst(), "fill")).isEqualTo("#fffc8c");
        // Land-use zones are drawn as areas: the style's default symbol has no marker radius.
        assertThat(descendants(rules.getFirst(), SldWriter.SLD_NS, "PolygonSymbolizer"))
                .hasSize(1);
    }

    @Test
    void vnAqiRampIsValidSld() {
        checkValid(SldWriter.forLayer("env_station", Label.of("Trạm quan trắc", "Monitoring stations"))
                .withLabels("name")
                .write(ColourRamp.VN_AQI, "last_aqi", Symbol.point("#9e9e9e", "#ffffff", 7)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            symbolizer before the filter  | <sld:ElseFilter/>                | <sld:PointSymbolizer/><sld:ElseFilter/> | ElseFilter
            layer without a name          | <sld:Name>cameras</sld:Name>\\n    <sld:UserStyle> | <sld:UserStyle> | UserStyle
            wrong version                 | version="1.0.0"                  | version="1.1.0"                         | 1.1.0
            unknown element               | <sld:IsDefault>1</sld:IsDefault> | <sld:IsDefault>1</sld:IsDefault><sld:Colour/> | Colour
            not a boolean                 | <sld:IsDefault>1</sld:IsDefault> | <sld:IsDefault>ja</sld:IsDefault>       | ja
            filter in the wrong namespace | ogc:Filter>                      | sld:Filter>                             | Filter
            comparison with one operand   | <ogc:Literal>offline</ogc:Literal> | ''                                    | PropertyIsEqualTo
            not well-formed               | </sld:StyledLayerDescriptor>     | ''                                      | line
            """)
    void brokenSldFailsValidationForTheRightReason(String what, String valid, String broken, String reason) {
        String sld = SldWriter.forLayer("cameras", TITLE).write(CAMERA);
        String target = valid.replace("\\n", "\n");
        assertThat(sld).as("the test's edit must apply").contains(target);

        List<String> errors = SldSchema.errorsIn(sld.replace(target, broken));

        assertThat(errors).as(what).isNotEmpty();
        assertThat(String.join("\n", errors)).as(what).contains(reason);
    }

    @Test
    void validationUsesTheBundledOgcSchemas() {
        checkValid(SldWriter.forLayer("cameras", TITLE).write(CAMERA));

        assertThat(SldSchema.LOADED)
                .contains(
                        "http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd",
                        "http://schemas.opengis.net/filter/1.0.0/filter.xsd",
                        "http://schemas.opengis.net/filter/1.0.0/expr.xsd",
                        "http://schemas.opengis.net/gml/2.1.2/geometry.xsd",
                        "http://www.w3.org/1999/xlink.xsd");
    }

    @Test
    void writesTheDocumentExactly() {
        assertThat(SldWriter.forLayer("cameras", TITLE).write(CAMERA)).isEqualTo("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <sld:StyledLayerDescriptor xmlns:sld="http://www.opengis.net/sld" \
                        xmlns:ogc="http://www.opengis.net/ogc" xmlns:xlink="http://www.w3.org/1999/xlink" \
                        xmlns:gml="http://www.opengis.net/gml" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
                        version="1.0.0" xsi:schemaLocation="http://www.opengis.net/sld \
                        http://schemas.opengis.net/sld/1.0.0/StyledLayerDescriptor.xsd">
                          <sld:NamedLayer>
                            <sld:Name>cameras</sld:Name>
                            <sld:UserStyle>
                              <sld:Name>cameras</sld:Name>
                              <sld:Title>Camera giám sát</sld:Title>
                              <sld:Abstract>Camera giám sát: màu theo thuộc tính status. \
                        English: Surveillance cameras, coloured by the property status.</sld:Abstract>
                              <sld:IsDefault>1</sld:IsDefault>
                              <sld:FeatureTypeStyle>
                                <sld:Rule>
                                  <sld:Name>offline</sld:Name>
                                  <sld:Title>Mất kết nối</sld:Title>
                                  <sld:Abstract>Offline</sld:Abstract>
                                  <ogc:Filter>
                                    <ogc:PropertyIsEqualTo>
                                      <ogc:PropertyName>status</ogc:PropertyName>
                                      <ogc:Literal>offline</ogc:Literal>
                                    </ogc:PropertyIsEqualTo>
                                  </ogc:Filter>
                                  <sld:PointSymbolizer>
                                    <sld:Graphic>
                                      <sld:Mark>
                                        <sld:WellKnownName>circle</sld:WellKnownName>
                                        <sld:Fill>
                                          <sld:CssParameter name="fill">#9e9e9e</sld:CssParameter>
                                          <sld:CssParameter name="fill-opacity">0.85</sld:CssParameter>
                                        </sld:Fill>
                                        <sld:Stroke>
                                          <sld:CssParameter name="stroke">#ffffff</sld:CssParameter>
                                          <sld:CssParameter name="stroke-width">1.5</sld:CssParameter>
                                        </sld:Stroke>
                                      </sld:Mark>
                                      <sld:Size>12</sld:Size>
                                    </sld:Graphic>
                                  </sld:PointSymbolizer>
                                </sld:Rule>
                                <sld:Rule>
                                  <sld:Title>Khác</sld:Title>
                                  <sld:Abstract>Other</sld:Abstract>
                                  <sld:ElseFilter/>
                                  <sld:PointSymbolizer>
                                    <sld:Graphic>
                                      <sld:Mark>
                                        <sld:WellKnownName>circle</sld:WellKnownName>
                                        <sld:Fill>
                                          <sld:CssParameter name="fill">#1565c0</sld:CssParameter>
                                          <sld:CssParameter name="fill-opacity">0.85</sld:CssParameter>
                                        </sld:Fill>
                                        <sld:Stroke>
                                          <sld:CssParameter name="stroke">#ffffff</sld:CssParameter>
                                          <sld:CssParameter name="stroke-width">1.5</sld:CssParameter>
                                        </sld:Stroke>
                                      </sld:Mark>
                                      <sld:Size>14</sld:Size>
                                    </sld:Graphic>
                                  </sld:PointSymbolizer>
                                </sld:Rule>
                              </sld:FeatureTypeStyle>
                            </sld:UserStyle>
                          </sld:NamedLayer>
                        </sld:StyledLayerDescriptor>
                        """);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"camera", "citizen_report", "fire_alarm", "land_use_plan", "env_station"})
    void rulesFollowTheLegendInOrderTitlesAndColours(String kind) {
        Style style = DefaultStyles.forKind(kind);
        List<Legend.Entry> legend = Legend.of(style).entries();

        List<Element> rules = rulesOf(parse(SldWriter.forLayer(kind, TITLE).write(style)));

        assertThat(rules).hasSameSizeAs(legend);
        for (int i = 0; i < rules.size(); i++) {
            assertThat(child(rules.get(i), SldWriter.SLD_NS, "Title").getTextContent())
                    .isEqualTo(legend.get(i).label().vi());
            assertThat(child(rules.get(i), SldWriter.SLD_NS, "Abstract").getTextContent())
                    .isEqualTo(legend.get(i).label().en());
            assertThat(cssOf(rules.get(i), "fill"))
                    .isEqualTo(legend.get(i).symbol().fill());
        }
    }

    @Test
    void eachRuleFiltersOnItsValueAndTheDefaultIsTheElseRule() {
        Style style = DefaultStyles.forKind("citizen_report");

        List<Element> rules = rulesOf(parse(SldWriter.forLayer("reports", TITLE).write(style)));

        for (int i = 0; i < style.rules().size(); i++) {
            Element comparison = single(rules.get(i), SldWriter.OGC_NS, "PropertyIsEqualTo");
            assertThat(child(comparison, SldWriter.OGC_NS, "PropertyName").getTextContent())
                    .isEqualTo("status");
            assertThat(literalOf(rules.get(i))).isEqualTo(style.rules().get(i).value());
            assertThat(descendants(rules.get(i), SldWriter.SLD_NS, "ElseFilter"))
                    .isEmpty();
        }
        Element fallback = rules.getLast();
        assertThat(descendants(fallback, SldWriter.SLD_NS, "ElseFilter")).hasSize(1);
        assertThat(descendants(fallback, SldWriter.OGC_NS, "Filter")).isEmpty();
    }

    @Test
    void styleWithoutRulesHasOneUnfilteredRule() {
        List<Element> rules =
                rulesOf(parse(SldWriter.forLayer("vessels", TITLE).write(DefaultStyles.forKind("vessel"))));

        assertThat(rules).hasSize(1);
        assertThat(descendants(rules.getFirst(), SldWriter.OGC_NS, "Filter")).isEmpty();
        assertThat(descendants(rules.getFirst(), SldWriter.SLD_NS, "ElseFilter"))
                .isEmpty();
        assertThat(child(rules.getFirst(), SldWriter.SLD_NS, "Title").getTextContent())
                .isEqualTo(Legend.ALL.vi());
    }

    @Test
    void pointMarkerIsACircleSizedByItsDiameter() {
        Element rule = rulesOf(parse(SldWriter.forLayer("cameras", TITLE).write(Style.of("camera", BLUE))))
                .getFirst();

        assertThat(single(rule, SldWriter.SLD_NS, "WellKnownName").getTextContent())
                .isEqualTo("circle");
        assertThat(single(rule, SldWriter.SLD_NS, "Size").getTextContent()).isEqualTo("14");
        assertThat(cssOf(rule, "fill-opacity")).isEqualTo("0.85");
        assertThat(cssOf(rule, "stroke")).isEqualTo("#ffffff");
        assertThat(cssOf(rule, "stroke-width")).isEqualTo("1.5");
    }

    @Test
    void lineIsStrokedInTheFillColourAsThePageDrawsIt() {
        Symbol thin = new Symbol("#00838f", 0.85, "#ffffff", 0.5, 0);

        Element rule = rulesOf(parse(SldWriter.forLayer("routes", TITLE)
                        .withGeometry(GeometryKind.LINE)
                        .write(Style.of("vessel", thin))))
                .getFirst();

        assertThat(descendants(rule, SldWriter.SLD_NS, "LineSymbolizer")).hasSize(1);
        assertThat(cssOf(rule, "stroke")).isEqualTo("#00838f");
        assertThat(cssOf(rule, "stroke-width")).as("max(2, 0.5 + 1)").isEqualTo("2");
        assertThat(descendants(rule, SldWriter.SLD_NS, "Fill")).isEmpty();
    }

    @Test
    void polygonWithoutOutlineWritesNoStroke() {
        Symbol borderless = Symbol.polygon("#ffa0ff", 0.6, "#7f507f", 0);

        Element rule = rulesOf(parse(SldWriter.forLayer("zones", TITLE).write(Style.of("plan", borderless))))
                .getFirst();

        assertThat(descendants(rule, SldWriter.SLD_NS, "PolygonSymbolizer")).hasSize(1);
        assertThat(cssOf(rule, "fill")).isEqualTo("#ffa0ff");
        assertThat(cssOf(rule, "fill-opacity")).isEqualTo("0.6");
        // SLD draws a Stroke without a width 1 pixel wide, so a width of 0 must leave the element out.
        assertThat(descendants(rule, SldWriter.SLD_NS, "Stroke")).isEmpty();
    }

    @Test
    void labelsGoInTheirOwnFeatureTypeStyleSoTheElseRuleStillApplies() {
        Document doc =
                parse(SldWriter.forLayer("cameras", TITLE).withLabels("name").write(CAMERA));

        List<Element> featureTypeStyles = descendants(doc.getDocumentElement(), SldWriter.SLD_NS, "FeatureTypeStyle");
        assertThat(featureTypeStyles).hasSize(2);
        assertThat(descendants(featureTypeStyles.get(0), SldWriter.SLD_NS, "TextSymbolizer"))
                .isEmpty();
        Element text = single(featureTypeStyles.get(1), SldWriter.SLD_NS, "TextSymbolizer");
        assertThat(single(text, SldWriter.OGC_NS, "PropertyName").getTextContent())
                .isEqualTo("name");
        assertThat(cssOf(text, "font-family")).isEqualTo(SldWriter.LABEL_FONT);
    }

    @Test
    void steppedRampClassesBecomeRangesWithAnElseRuleForMissingValues() {
        Document doc = parse(SldWriter.forLayer("env_station", TITLE)
                .write(ColourRamp.VN_AQI, "last_aqi", Symbol.point("#9e9e9e", "#ffffff", 7)));

        List<Element> rules = rulesOf(doc);
        assertThat(rules).hasSize(ColourRamp.VN_AQI.stops().size() + 1);
        checkRange(rules.get(0), null, "50");
        checkRange(rules.get(1), "50", "100");
        checkRange(rules.get(4), "200", "300");
        checkRange(rules.get(5), "300", null);
        assertThat(cssOf(rules.get(0), "fill")).isEqualTo("#00e400");
        assertThat(cssOf(rules.get(5), "fill")).isEqualTo("#7e0023");
        assertThat(descendants(rules.get(6), SldWriter.SLD_NS, "ElseFilter")).hasSize(1);
        assertThat(child(rules.get(6), SldWriter.SLD_NS, "Title").getTextContent())
                .isEqualTo(Legend.NO_VALUE.vi());
    }

    @Test
    void oneClassRampMatchesEveryFeatureWithAValue() {
        ColourRamp single = new ColourRamp(
                "all_readings",
                Label.of("Số liệu", "Readings"),
                ColourRamp.Mode.STEPPED,
                List.of(ColourRamp.Stop.of(100, "#2e7d32", Label.of("Có số liệu", "Has a reading"))));

        String sld = SldWriter.forLayer("stations", TITLE).write(single, "value", GREY);

        checkValid(sld);
        Element not = single(rulesOf(parse(sld)).getFirst(), SldWriter.OGC_NS, "Not");
        assertThat(single(not, SldWriter.OGC_NS, "PropertyIsNull")).isNotNull();
    }

    @Test
    void interpolatedRampIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SldWriter.forLayer("heat", TITLE).write(ColourRamp.HEAT, "density", GREY))
                .withMessageContaining("heat");
    }

    @Test
    void markupAndVietnameseInTextSurviveARoundTrip() {
        String value = "a<b & \"c\" > 'd' ]]> Đường số 1\r\nhết";
        Style style = Style.byProperty(
                "generic", BLUE, "tên & loại", List.of(new Rule(value, Label.of("<Nhãn> & \"dấu\"", "x\ty"), GREY)));

        String sld =
                SldWriter.forLayer("lớp_1", Label.of("Lớp <1>", "Layer & 1")).write(style);

        checkValid(sld);
        Element rule = rulesOf(parse(sld)).getFirst();
        assertThat(literalOf(rule)).isEqualTo(value);
        assertThat(single(rule, SldWriter.OGC_NS, "PropertyName").getTextContent())
                .isEqualTo("tên & loại");
        assertThat(child(rule, SldWriter.SLD_NS, "Title").getTextContent()).isEqualTo("<Nhãn> & \"dấu\"");
        assertThat(child(rule, SldWriter.SLD_NS, "Abstract").getTextContent()).isEqualTo("x\ty");
    }

    @Test
    void documentIsUtf8() {
        byte[] bytes = SldWriter.forLayer("cameras", TITLE).write(CAMERA).getBytes(StandardCharsets.UTF_8);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        assertThat(parse(new String(bytes, StandardCharsets.UTF_8)).getXmlEncoding())
                .isEqualTo("UTF-8");
    }

    @Test
    void textXmlCannotCarryIsRejectedNamingTheField() {
        Style bell = Style.byProperty(
                "generic", BLUE, "status", List.of(new Rule("ring\u0007", Label.of("Chuông", "Bell"), GREY)));
        Style loneSurrogate = Style.byProperty(
                "generic", BLUE, "status", List.of(new Rule("ok", Label.of("x\ud83d", "Broken"), GREY)));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> SldWriter.forLayer("alarms", TITLE).write(bell))
                .withMessageContainingAll("rule value", "U+0007");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SldWriter.forLayer("alarms", TITLE).write(loneSurrogate))
                .withMessageContainingAll("rule title (vi)", "U+D83D");
    }

    @Test
    void supplementaryCharactersAreKept() {
        Style fire =
                Style.byProperty("fire", BLUE, "status", List.of(new Rule("🔥", Label.of("Cháy 🔥", "Fire 🔥"), GREY)));

        String sld = SldWriter.forLayer("alarms", TITLE).write(fire);

        checkValid(sld);
        assertThat(literalOf(rulesOf(parse(sld)).getFirst())).isEqualTo("🔥");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"empty, ''", "blank, '  '"})
    void blankLayerNameOrLabelPropertyIsRejected(String what, String name) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SldWriter.forLayer(name, TITLE))
                .withMessageContaining("layerName");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SldWriter.forLayer("cameras", TITLE).withLabels(name))
                .withMessageContaining("label property");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"whole, 14.0, 14", "zero, 0.0, 0", "decimal, 0.85, 0.85", "small, 0.00001, 0.00001"})
    void numbersAreWrittenPlainly(String what, double number, String expected) {
        assertThat(SldWriter.number(number)).isEqualTo(expected);
    }

    private static void checkValid(String sld) {
        assertThat(SldSchema.errorsIn(sld)).as("schema errors in%n%s", sld).isEmpty();
    }

    private static void checkRange(Element rule, String above, String atMost) {
        List<Element> greater = descendants(rule, SldWriter.OGC_NS, "PropertyIsGreaterThan");
        List<Element> atMostElements = descendants(rule, SldWriter.OGC_NS, "PropertyIsLessThanOrEqualTo");
        assertThat(greater.stream().map(SldWriterTest::literalIn).toList())
                .isEqualTo(above == null ? List.of() : List.of(above));
        assertThat(atMostElements.stream().map(SldWriterTest::literalIn).toList())
                .isEqualTo(atMost == null ? List.of() : List.of(atMost));
        assertThat(descendants(rule, SldWriter.OGC_NS, "And")).hasSize(above != null && atMost != null ? 1 : 0);
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    private static List<Element> rulesOf(Document doc) {
        Element first = descendants(doc.getDocumentElement(), SldWriter.SLD_NS, "FeatureTypeStyle")
                .getFirst();
        return children(first, SldWriter.SLD_NS, "Rule");
    }

    private static String literalOf(Element rule) {
        return single(rule, SldWriter.OGC_NS, "Literal").getTextContent();
    }

    private static String literalIn(Element comparison) {
        return child(comparison, SldWriter.OGC_NS, "Literal").getTextContent();
    }

    private static String cssOf(Element scope, String name) {
        return descendants(scope, SldWriter.SLD_NS, "CssParameter").stream()
                .filter(css -> css.getAttribute("name").equals(name))
                .findFirst()
                .map(Element::getTextContent)
                .orElseThrow(() -> new AssertionError("no CssParameter " + name));
    }

    private static Element single(Element scope, String namespace, String name) {
        List<Element> found = descendants(scope, namespace, name);
        assertThat(found).as("%s elements", name).hasSize(1);
        return found.getFirst();
    }

    private static Element child(Element parent, String namespace, String name) {
        List<Element> found = children(parent, namespace, name);
        assertThat(found).as("%s children", name).hasSize(1);
        return found.getFirst();
    }

    private static List<Element> children(Element parent, String namespace, String name) {
        List<Element> result = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && namespace.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                result.add(e);
            }
        }
        return result;
    }

    private static List<Element> descendants(Element scope, String namespace, String name) {
        var nodes = scope.getElementsByTagNameNS(namespace, name);
        List<Element> result = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            result.add((Element) nodes.item(i));
        }
        return result;
    }
}
