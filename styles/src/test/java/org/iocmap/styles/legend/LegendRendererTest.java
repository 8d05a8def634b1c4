package org.iocmap.styles.legend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.iocmap.styles.ColourRamp;
import org.iocmap.styles.DefaultStyles;
import org.iocmap.styles.GeometryKind;
import org.iocmap.styles.Label;
import org.iocmap.styles.Legend;
import org.iocmap.styles.Style;
import org.iocmap.styles.Symbol;
import org.iocmap.styles.legend.LegendRenderer.Language;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LegendRendererTest {
    private static final Path DEJAVU = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

    @BeforeAll
    static void drawWithoutADisplay() {
        System.setProperty("java.awt.headless", "true");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(GeometryKind.class)
    void eachSwatchHasItsEntrysColourInLegendOrder(GeometryKind kind) throws IOException {
        Legend legend = Legend.of(DefaultStyles.forKind("citizen_report"));

        BufferedImage image = decode(renderer().toPng(legend, kind, Language.VIETNAMESE));

        checkSwatches(image, legend, kind, Language.VIETNAMESE);
    }

    @Test
    void landUseLegendHasARowPerCodePlusTheFallback() throws IOException {
        Legend legend = Legend.of(DefaultStyles.forKind("land_use_plan"));

        BufferedImage image = decode(renderer().toPng(legend, GeometryKind.POLYGON, Language.BOTH));

        checkSwatches(image, legend, GeometryKind.POLYGON, Language.BOTH);
    }

    @Test
    void vnAqiLegendShowsTheSixBandColoursThenNoReading() throws IOException {
        Legend legend = Legend.of(ColourRamp.VN_AQI, Symbol.point("#9e9e9e", "#ffffff", 7));

        BufferedImage image = decode(renderer().toPng(legend, GeometryKind.POINT, Language.VIETNAMESE));

        assertThat(legend.entries()).hasSize(7);
        checkSwatches(image, legend, GeometryKind.POINT, Language.VIETNAMESE);
        checkPixel(image, renderer().swatchBounds(0, Language.VIETNAMESE), 0x00e400);
        checkPixel(image, renderer().swatchBounds(5, Language.VIETNAMESE), 0x7e0023);
    }

    @Test
    void imageIsSizedByItsRowsAndItsLongestLabel() throws IOException {
        Legend one = Legend.of(Style.of("vessel", Symbol.point("#00838f", "#ffffff", 6)));
        Legend five = Legend.of(DefaultStyles.forKind("fire_alarm"));
        LegendRenderer renderer = renderer();

        BufferedImage small = decode(renderer.toPng(one, GeometryKind.POINT, Language.VIETNAMESE));
        BufferedImage tall = decode(renderer.toPng(five, GeometryKind.POINT, Language.VIETNAMESE));

        Rectangle first = renderer.swatchBounds(0, Language.VIETNAMESE);
        Rectangle second = renderer.swatchBounds(1, Language.VIETNAMESE);
        int row = second.y - first.y; // row height plus the gap
        assertThat(small.getHeight()).isEqualTo(2 * LegendRenderer.PADDING + row - LegendRenderer.ROW_GAP);
        assertThat(tall.getHeight()).isEqualTo(small.getHeight() + 4 * row);
        assertThat(small.getWidth())
                .isGreaterThan(2 * LegendRenderer.PADDING + LegendRenderer.SWATCH + LegendRenderer.TEXT_GAP);
        // "Đang báo cháy" is longer than "Tất cả".
        assertThat(tall.getWidth()).isGreaterThan(small.getWidth());
    }

    @Test
    void englishLineMakesRowsTallerAndShowsText() throws IOException {
        Legend legend = Legend.of(DefaultStyles.forKind("camera"));
        LegendRenderer renderer = renderer();

        BufferedImage vietnamese = decode(renderer.toPng(legend, GeometryKind.POINT, Language.VIETNAMESE));
        BufferedImage both = decode(renderer.toPng(legend, GeometryKind.POINT, Language.BOTH));

        assertThat(both.getHeight()).isGreaterThan(vietnamese.getHeight());
        assertThat(darkPixelsRightOfSwatches(both)).isGreaterThan(darkPixelsRightOfSwatches(vietnamese));
    }

    @Test
    void labelsAreDrawn() throws IOException {
        BufferedImage image = decode(
                renderer().toPng(Legend.of(DefaultStyles.forKind("camera")), GeometryKind.POINT, Language.VIETNAMESE));

        assertThat(darkPixelsRightOfSwatches(image)).isGreaterThan(50);
    }

    @Test
    void labelFontDrawsVietnameseWhenDejaVuIsInstalled() {
        LegendRenderer renderer = renderer();
        if (Files.isReadable(DEJAVU)) {
            assertThat(renderer.font().getFamily()).isEqualTo("DejaVu Sans");
        }
        // CI installs fonts-dejavu-core; without it the renderer falls back and this check says so loudly.
        assertThat(renderer.hasVietnameseGlyphs())
                .as("the legend font %s lacks Vietnamese letters; install fonts-dejavu-core", renderer.font())
                .isTrue();
        assertThat(renderer.font().canDisplayUpTo("Đất chuyên trồng lúa nước, Nguy hại, Rất xấu, Ỹ"))
                .isEqualTo(-1);
    }

    @Test
    void decomposedVietnameseIsDrawnLikeComposed() throws IOException {
        String composed = "Đang xử lý";
        String decomposed = java.text.Normalizer.normalize(composed, java.text.Normalizer.Form.NFD);
        Symbol dot = Symbol.point("#8e24aa", "#ffffff", 7);
        LegendRenderer renderer = renderer();

        BufferedImage a = decode(renderer.toPng(
                new Legend(List.of(new Legend.Entry(Label.of(composed, "In progress"), dot))),
                GeometryKind.POINT,
                Language.VIETNAMESE));
        BufferedImage b = decode(renderer.toPng(
                new Legend(List.of(new Legend.Entry(Label.of(decomposed, "In progress"), dot))),
                GeometryKind.POINT,
                Language.VIETNAMESE));

        assertThat(b.getWidth()).isEqualTo(a.getWidth());
        assertThat(pixels(b)).isEqualTo(pixels(a));
    }

    @Test
    void pngAndJsonListTheSameEntriesInTheSameOrder() throws IOException {
        Legend legend = Legend.of(DefaultStyles.forKind("fire_alarm"));

        BufferedImage image = decode(renderer().toPng(legend, GeometryKind.POINT, Language.VIETNAMESE));

        List<Integer> jsonFills = new ArrayList<>();
        Matcher fill = Pattern.compile("\"fill\":\"#([0-9a-f]{6})\"").matcher(legend.toJson());
        while (fill.find()) {
            jsonFills.add(Integer.parseInt(fill.group(1), 16));
        }
        List<Integer> pngFills = new ArrayList<>();
        for (int i = 0; i < jsonFills.size(); i++) {
            pngFills.add(centre(image, renderer().swatchBounds(i, Language.VIETNAMESE)));
        }
        assertThat(pngFills).isEqualTo(jsonFills);
        // No row beyond the JSON's entries: the last swatch ends PADDING pixels above the bottom edge, give or take the
        // centring of the swatch in its row.
        Rectangle last = renderer().swatchBounds(jsonFills.size() - 1, Language.VIETNAMESE);
        assertThat(image.getHeight() - (last.y + last.height)).isBetween(0, 2 * LegendRenderer.PADDING);
    }

    @Test
    void emptyLegendIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> renderer().render(new Legend(List.of()), GeometryKind.POINT, Language.VIETNAMESE))
                .withMessageContaining("at least one entry");
    }

    @Test
    void imageHasNoDisplayDependency() {
        assertThat(java.awt.GraphicsEnvironment.isHeadless()).isTrue();
    }

    private static LegendRenderer renderer() {
        return LegendRenderer.create();
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("decodable PNG").isNotNull();
        return image;
    }

    private static void checkSwatches(BufferedImage image, Legend legend, GeometryKind kind, Language language) {
        LegendRenderer renderer = renderer();
        for (int i = 0; i < legend.entries().size(); i++) {
            Rectangle swatch = renderer.swatchBounds(i, language);
            assertThat(swatch.y + swatch.height).isLessThanOrEqualTo(image.getHeight());
            int expected =
                    Integer.parseInt(legend.entries().get(i).symbol().fill().substring(1), 16);
            assertThat(centre(image, swatch))
                    .as(
                            "swatch %d (%s) of a %s legend",
                            i, legend.entries().get(i).label().vi(), kind)
                    .isEqualTo(expected);
        }
        // The last row ends where the image's bottom padding begins.
        Rectangle last = renderer.swatchBounds(legend.entries().size() - 1, language);
        assertThat(image.getHeight() - (last.y + last.height)).isBetween(0, 2 * LegendRenderer.PADDING);
    }

    private static void checkPixel(BufferedImage image, Rectangle swatch, int rgb) {
        assertThat(String.format("#%06x", centre(image, swatch))).isEqualTo(String.format("#%06x", rgb));
    }

    private static int centre(BufferedImage image, Rectangle swatch) {
        int argb = image.getRGB(swatch.x + swatch.width / 2, swatch.y + swatch.height / 2);
        assertThat(argb >>> 24).as("opaque").isEqualTo(0xff);
        return argb & 0xffffff;
    }

    private static int darkPixelsRightOfSwatches(BufferedImage image) {
        int count = 0;
        int from = LegendRenderer.PADDING + LegendRenderer.SWATCH + LegendRenderer.TEXT_GAP;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = from; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int grey = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3;
                if (grey < 160) {
                    count++;
                }
            }
        }
        return count;
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
