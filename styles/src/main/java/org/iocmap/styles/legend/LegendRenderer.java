package org.iocmap.styles.legend;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.iocmap.styles.GeometryKind;
import org.iocmap.styles.Label;
import org.iocmap.styles.Legend;
import org.iocmap.styles.Symbol;

/**
 * Draws a {@link Legend} as a PNG image: one row per entry, in the legend's order (the order of its JSON and of the SLD
 * rules), each a 20-pixel swatch followed by the entry's label.
 *
 * <p><b>Swatches</b> follow the layer's {@link GeometryKind}: a circle marker of the symbol's radius (at most the
 * swatch) with its outline and a faint grey ring so that white outlines show on the white background; a line in the
 * fill colour, {@code max(2, strokeWidth + 1)} pixels wide as on the map; a square in the fill colour with a 1-pixel
 * border in the stroke colour (none when the symbol has no outline). Fills are drawn opaque, as the page's own legend
 * draws them, so that each class reads as its colour rather than as its colour blended with white; the centre pixel of
 * every swatch is exactly the entry's fill colour.
 *
 * <p><b>Text</b> is Vietnamese by default; {@link Language#BOTH} adds the English text on a second, smaller grey line.
 * It is drawn in DejaVu Sans, which has every Vietnamese letter (Debian package {@code fonts-dejavu-core}). When no font
 * with Vietnamese glyphs is found the renderer logs a warning once and falls back to the logical font
 * {@code SansSerif}, which may draw boxes for some letters. Labels are normalised to NFC first, so that text typed with
 * combining accents is drawn with the precomposed glyphs.
 *
 * <p>Drawing needs no display: this class sets {@code java.awt.headless=true} before AWT starts, unless the system
 * property is already set. Instances are immutable and thread-safe; each call draws into its own image.
 */
public final class LegendRenderer {
    static {
        // Servers have no display; without this, the first AWT call may look for an X server.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Chooses the language of the labels. */
    public enum Language {
        /** Vietnamese labels only, as the page shows by default. */
        VIETNAMESE,
        /** English labels only. */
        ENGLISH,
        /** Vietnamese labels with the English text below each. */
        BOTH
    }

    /** Width and height of a swatch, in pixels. */
    public static final int SWATCH = 20;

    /** Margin around the legend, in pixels. */
    public static final int PADDING = 8;

    /** Space between a swatch and its text, in pixels. */
    public static final int TEXT_GAP = 8;

    /** Space between two rows, in pixels. */
    public static final int ROW_GAP = 4;

    /** Every Vietnamese letter that Latin-1 lacks, in both cases; a font that draws these draws any Vietnamese text. */
    static final String VIETNAMESE_LETTERS = "ĂăÂâĐđÊêÔôƠơƯư"
            + "ÀàẢảÃãÁáẠạẰằẲẳẴẵẮắẶặẦầẨẩẪẫẤấẬậÈèẺẻẼẽÉéẸẹỀềỂểỄễẾếỆệÌìỈỉĨĩÍíỊị"
            + "ÒòỎỏÕõÓóỌọỒồỔổỖỗỐốỘộỜờỞởỠỡỚớỢợÙùỦủŨũÚúỤụỪừỬửỮữỨứỰựỲỳỶỷỸỹÝýỴỵ";

    private static final System.Logger LOG = System.getLogger(LegendRenderer.class.getName());
    private static final List<String> FAMILIES = List.of("DejaVu Sans", "Noto Sans");
    private static final List<Path> FONT_FILES = List.of(
            Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            Path.of("/usr/share/fonts/dejavu/DejaVuSans.ttf"));
    private static final float TEXT_SIZE = 13f;
    private static final float SECOND_LINE_SIZE = 11f;
    private static final Color TEXT = new Color(0x212121);
    private static final Color SECOND_LINE_TEXT = new Color(0x616161);
    private static final Color RING = new Color(0, 0, 0, 64); // the page's legend ring: rgba(0, 0, 0, 0.25)

    private final Font font;
    private final Font secondLineFont;

    private LegendRenderer(Font font) {
        this.font = font.deriveFont(Font.PLAIN, TEXT_SIZE);
        this.secondLineFont = font.deriveFont(Font.PLAIN, SECOND_LINE_SIZE);
    }

    /** Creates a renderer with the first font found that has Vietnamese glyphs; see the class comment. */
    public static LegendRenderer create() {
        return new LegendRenderer(DefaultFont.FONT);
    }

    /** Returns the font labels are drawn in. */
    public Font font() {
        return font;
    }

    /** Tests whether the label font draws every Vietnamese letter, which is false only after the fallback. */
    public boolean hasVietnameseGlyphs() {
        return font.canDisplayUpTo(VIETNAMESE_LETTERS) == -1;
    }

    /** Writes the legend image as PNG to {@code out}, which is left open. */
    public void writePng(Legend legend, GeometryKind kind, Language language, OutputStream out) throws IOException {
        if (!ImageIO.write(render(legend, kind, language), "png", out)) {
            throw new IllegalStateException("this Java runtime has no PNG writer");
        }
    }

    /** Returns the legend image as PNG bytes. */
    public byte[] toPng(Legend legend, GeometryKind kind, Language language) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writePng(legend, kind, language, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Draws the legend: a white image {@code PADDING} pixels around the rows, as wide as its longest label needs.
     *
     * @throws IllegalArgumentException when the legend has no entries
     */
    public BufferedImage render(Legend legend, GeometryKind kind, Language language) {
        Objects.requireNonNull(legend, "legend");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(language, "language");
        if (legend.entries().isEmpty()) {
            throw new IllegalArgumentException("a legend needs at least one entry to draw");
        }
        List<Legend.Entry> entries = legend.entries();
        int rowHeight = rowHeight(language);
        int textWidth = 0;
        for (Legend.Entry entry : entries) {
            textWidth = Math.max(textWidth, textWidth(entry.label(), language));
        }
        int width = PADDING + SWATCH + TEXT_GAP + textWidth + PADDING;
        int height = PADDING + entries.size() * rowHeight + (entries.size() - 1) * ROW_GAP + PADDING;

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            // Grey-scale antialiasing: sub-pixel (LCD) text would tint the pixels around each letter.
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            for (int i = 0; i < entries.size(); i++) {
                Legend.Entry entry = entries.get(i);
                int rowTop = PADDING + i * (rowHeight + ROW_GAP);
                Rectangle swatch = swatchBounds(i, language);
                drawSwatch(g, entry.symbol(), kind, swatch);
                drawText(g, entry.label(), language, PADDING + SWATCH + TEXT_GAP, rowTop, rowHeight);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Returns where the swatch of entry {@code index} is drawn, in image pixels; the centre pixel of a swatch always
     * has the entry's fill colour.
     */
    public Rectangle swatchBounds(int index, Language language) {
        int rowHeight = rowHeight(language);
        int rowTop = PADDING + index * (rowHeight + ROW_GAP);
        return new Rectangle(PADDING, rowTop + (rowHeight - SWATCH) / 2, SWATCH, SWATCH);
    }

    private int rowHeight(Language language) {
        int text = lineHeight(font) + (language == Language.BOTH ? lineHeight(secondLineFont) : 0);
        return Math.max(SWATCH, text);
    }

    private static void drawSwatch(Graphics2D g, Symbol symbol, GeometryKind kind, Rectangle box) {
        Color fill = new Color(rgb(symbol.fill()));
        Color stroke = new Color(rgb(symbol.stroke()));
        double cx = box.x + box.width / 2.0;
        double cy = box.y + box.height / 2.0;
        switch (kind) {
            case POINT -> {
                // The marker at its map size, kept inside the swatch; a polygon symbol (radius 0) gets a small dot.
                double diameter = symbol.radius() > 0 ? Math.min(2 * symbol.radius(), SWATCH - 2) : 8;
                Ellipse2D circle = new Ellipse2D.Double(cx - diameter / 2, cy - diameter / 2, diameter, diameter);
                g.setColor(fill);
                g.fill(circle);
                if (symbol.strokeWidth() > 0) {
                    // Inside the edge, as an SVG/Leaflet circle's stroke is centred on it and the swatch must not grow.
                    double w = Math.min(symbol.strokeWidth(), diameter / 4);
                    g.setColor(stroke);
                    g.setStroke(new BasicStroke((float) w));
                    g.draw(new Ellipse2D.Double(
                            cx - diameter / 2 + w / 2, cy - diameter / 2 + w / 2, diameter - w, diameter - w));
                }
                g.setColor(RING);
                g.setStroke(new BasicStroke(1f));
                g.draw(new Ellipse2D.Double(
                        cx - diameter / 2 - 0.5, cy - diameter / 2 - 0.5, diameter + 1, diameter + 1));
            }
            case LINE -> {
                // Same colour and width as the map draws the line (GeometryKind), capped to the swatch height.
                float width = (float) Math.min(Math.max(2, symbol.strokeWidth() + 1), SWATCH / 2.0);
                g.setColor(fill);
                g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(new Line2D.Double(box.x + 3, cy, box.x + box.width - 3, cy));
            }
            case POLYGON -> {
                Rectangle2D square = new Rectangle2D.Double(box.x + 1, box.y + 1, box.width - 2, box.height - 2);
                g.setColor(fill);
                g.fill(square);
                if (symbol.strokeWidth() > 0) {
                    g.setColor(stroke);
                    g.setStroke(new BasicStroke(1f));
                    g.draw(new Rectangle2D.Double(box.x + 1.5, box.y + 1.5, box.width - 3, box.height - 3));
                }
            }
        }
    }

    private void drawText(Graphics2D g, Label label, Language language, int x, int rowTop, int rowHeight) {
        String first = nfc(language == Language.ENGLISH ? label.en() : label.vi());
        FontMetrics firstMetrics = g.getFontMetrics(font);
        int textHeight = lineHeight(font) + (language == Language.BOTH ? lineHeight(secondLineFont) : 0);
        int top = rowTop + (rowHeight - textHeight) / 2;
        g.setFont(font);
        g.setColor(TEXT);
        g.drawString(first, x, top + firstMetrics.getAscent());
        if (language == Language.BOTH) {
            FontMetrics secondMetrics = g.getFontMetrics(secondLineFont);
            g.setFont(secondLineFont);
            g.setColor(SECOND_LINE_TEXT);
            g.drawString(nfc(label.en()), x, top + lineHeight(font) + secondMetrics.getAscent());
        }
    }

    private int textWidth(Label label, Language language) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scratch.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            String first = nfc(language == Language.ENGLISH ? label.en() : label.vi());
            double width = font.getStringBounds(first, g.getFontRenderContext()).getWidth();
            if (language == Language.BOTH) {
                width = Math.max(
                        width,
                        secondLineFont
                                .getStringBounds(nfc(label.en()), g.getFontRenderContext())
                                .getWidth());
            }
            return (int) Math.ceil(width) + 1;
        } finally {
            g.dispose();
        }
    }

    private static int lineHeight(Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scratch.createGraphics();
        try {
            FontMetrics metrics = g.getFontMetrics(font);
            // Ascent and descent with no leading: Vietnamese stacks two accents on capitals (Ẫ), which DejaVu's
            // ascent already covers.
            return metrics.getAscent() + metrics.getDescent();
        } finally {
            g.dispose();
        }
    }

    private static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private static int rgb(String colour) {
        return Integer.parseInt(colour.substring(1), 16);
    }

    /** Finds the label font once per JVM: the lookup scans the system's fonts. */
    private static final class DefaultFont {
        static final Font FONT = find();

        private static Font find() {
            for (String family : FAMILIES) {
                Font candidate = new Font(family, Font.PLAIN, (int) TEXT_SIZE);
                // An unknown family silently becomes "Dialog", so check that the font asked for is the one found.
                if (candidate.getFamily(Locale.ROOT).equals(family)
                        && candidate.canDisplayUpTo(VIETNAMESE_LETTERS) == -1) {
                    return candidate;
                }
            }
            for (Path file : FONT_FILES) {
                if (Files.isReadable(file)) {
                    try {
                        return Font.createFont(Font.TRUETYPE_FONT, file.toFile());
                    } catch (FontFormatException | IOException e) {
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "Cannot read the font file " + file + "; trying the next",
                                e);
                    }
                }
            }
            LOG.log(
                    System.Logger.Level.WARNING,
                    "No font with Vietnamese glyphs was found (looked for {0} and {1}; install the Debian package"
                            + " fonts-dejavu-core). Legends are drawn in the logical font SansSerif, which may show"
                            + " boxes instead of some Vietnamese letters.",
                    FAMILIES,
                    FONT_FILES);
            return new Font(Font.SANS_SERIF, Font.PLAIN, (int) TEXT_SIZE);
        }
    }
}
