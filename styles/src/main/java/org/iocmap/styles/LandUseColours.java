package org.iocmap.styles;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Lists the national land-use codes (mã loại đất) with their names and map colours, for land-use status and planning
 * layers.
 *
 * <p><b>Codes and names</b> follow the land-use code list of Thông tư 25/2014/TT-BTNMT (bản đồ địa chính, the
 * cadastral map regulation) and of Thông tư 27/2018/TT-BTNMT (thống kê, kiểm kê đất đai và lập bản đồ hiện trạng sử
 * dụng đất), which replaced Thông tư 28/2014/TT-BTNMT.
 *
 * <p><b>Colours.</b> {@link Entry#standardFill()} is the fill colour of the code in the symbol appendix "ký hiệu bản đồ
 * hiện trạng sử dụng đất" of those land-statistics regulations; the land-use planning maps (bản đồ quy hoạch sử dụng
 * đất) use the same fills, as do the planning legends we compared. Where the values come from, stated plainly: all 26
 * are the RGB triples that three independent public Vietnamese GIS projects reproduce identically (a provincial
 * status-2020 and plan-2030 legend, an OpenLayers land-use viewer, and an urban-planning web widget). They have not yet
 * been checked against the published appendix of the Thông tư itself, and a fourth public project uses other shades
 * for LUC, LUK, CLN, CQP, BCS and DCS, so treat every value as corroborated rather than confirmed until that check is
 * done. The colour families are not in doubt: rice pale yellow, perennial crops light orange, forests greens,
 * aquaculture and irrigation cyan, housing pink, public and business land salmon, defence and security red, transport
 * orange, cemeteries grey, unused land white.
 *
 * <p><b>Why there are two colours per code.</b> The standard gives several codes the same fill and lets the printed
 * code inside each zone tell them apart: TSC, DGD, DYT, DTT and DKV share (255, 170, 160); SKK, TMD and SKC share (250,
 * 170, 160); NTS and DTL share (170, 255, 255); BCS and DCS share (255, 255, 254). A web map shows no such labels at
 * most zooms, so {@link Entry#fill()}, the colour the default style uses, keeps the standard colour for the first code
 * of each group and moves the others a visible step (20 to 40 RGB units) within the same family. Use
 * {@link Entry#standardFill()} where the exact regulation colour is required, such as a printed map.
 */
public final class LandUseColours {
    /** Fill opacity of land-use zones in the default style: light enough to keep roads and labels below readable. */
    public static final double FILL_OPACITY = 0.6;

    /** Border width of land-use zones, in pixels. */
    public static final double STROKE_WIDTH = 0.5;

    private static final List<Entry> ALL = List.of(
            standard("LUC", "Đất chuyên trồng lúa nước", "Specialised wet-rice land", "#fffc8c"),
            standard("LUK", "Đất trồng lúa nước còn lại", "Other wet-rice land", "#fffc96"),
            standard("HNK", "Đất trồng cây hằng năm khác", "Land for other annual crops", "#fff0b4"),
            standard("CLN", "Đất trồng cây lâu năm", "Perennial crop land", "#ffd2a0"),
            standard("RSX", "Đất rừng sản xuất", "Production forest land", "#b4ffb4"),
            standard("RPH", "Đất rừng phòng hộ", "Protection forest land", "#beff1e"),
            standard("RDD", "Đất rừng đặc dụng", "Special-use forest land", "#6eff64"),
            standard("NTS", "Đất nuôi trồng thủy sản", "Aquaculture land", "#aaffff"),
            standard("ONT", "Đất ở tại nông thôn", "Rural residential land", "#ffd0ff"),
            standard("ODT", "Đất ở tại đô thị", "Urban residential land", "#ffa0ff"),
            standard("TSC", "Đất xây dựng trụ sở cơ quan", "Government office land", "#ffaaa0"),
            standard("CQP", "Đất quốc phòng", "Defence land", "#ff6450"),
            standard("CAN", "Đất an ninh", "Security land", "#ff5046"),
            standard("SKK", "Đất khu công nghiệp", "Industrial park land", "#faaaa0"),
            shifted("TMD", "Đất thương mại, dịch vụ", "Commercial and service land", "#faaaa0", "#fa8ca0"),
            shifted(
                    "SKC",
                    "Đất cơ sở sản xuất phi nông nghiệp",
                    "Non-agricultural production land",
                    "#faaaa0",
                    "#f0aab4"),
            standard("DGT", "Đất giao thông", "Transport land", "#ffaa32"),
            shifted("DTL", "Đất thủy lợi", "Irrigation land", "#aaffff", "#96ebff"),
            shifted(
                    "DGD",
                    "Đất xây dựng cơ sở giáo dục và đào tạo",
                    "Education and training facility land",
                    "#ffaaa0",
                    "#ff9b8c"),
            shifted("DYT", "Đất xây dựng cơ sở y tế", "Health facility land", "#ffaaa0", "#ffb9b4"),
            shifted("DTT", "Đất xây dựng cơ sở thể dục thể thao", "Sports facility land", "#ffaaa0", "#ffbe96"),
            shifted(
                    "DKV",
                    "Đất khu vui chơi, giải trí công cộng",
                    "Public recreation and amusement land",
                    "#ffaaa0",
                    "#ffa0be"),
            standard("NTD", "Đất nghĩa trang, nghĩa địa", "Cemetery land", "#d2d2d2"),
            standard("SON", "Đất sông, ngòi, kênh, rạch, suối", "Rivers, canals and streams", "#a0ffff"),
            standard("BCS", "Đất bằng chưa sử dụng", "Unused flat land", "#fffffe"),
            shifted("DCS", "Đất đồi núi chưa sử dụng", "Unused hilly and mountain land", "#fffffe", "#f5f0dc"));

    private LandUseColours() {}

    /** Returns every code in the order of the national code list: agricultural, non-agricultural, then unused land. */
    public static List<Entry> all() {
        return ALL;
    }

    /** Returns the entry for a code such as {@code ODT}, compared exactly (upper case); empty when there is none. */
    public static Optional<Entry> find(String code) {
        return ALL.stream().filter(entry -> entry.code().equals(code)).findFirst();
    }

    /**
     * Describes one land-use code.
     *
     * @param code the three-letter code, such as {@code LUC}
     * @param name the Vietnamese name as the regulation spells it, and an English name
     * @param standardFill the fill colour in the national symbol table
     * @param fill the fill colour the default style uses; equal to {@code standardFill} unless the class comment says
     *     otherwise
     */
    public record Entry(String code, Label name, String standardFill, String fill) {
        public Entry {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(name, "name");
            standardFill = Symbol.requireColour("standardFill", standardFill);
            fill = Symbol.requireColour("fill", fill);
        }

        /** Tests whether the default style paints this code in the exact colour of the national table. */
        public boolean isStandardColour() {
            return fill.equals(standardFill);
        }

        /** Returns the polygon symbol of this code: its fill, and a border in the same hue at half the brightness. */
        public Symbol symbol() {
            return Symbol.polygon(fill, FILL_OPACITY, halfBrightness(fill), STROKE_WIDTH);
        }
    }

    private static Entry standard(String code, String vi, String en, String fill) {
        return new Entry(code, Label.of(vi, en), fill, fill);
    }

    private static Entry shifted(String code, String vi, String en, String standardFill, String fill) {
        return new Entry(code, Label.of(vi, en), standardFill, fill);
    }

    private static String halfBrightness(String colour) {
        // Zone borders in the standard's own hue read as one zone; a single dark grey would look like a cadastral grid.
        int rgb = Integer.parseInt(colour.substring(1), 16);
        int r = (rgb >> 16 & 0xff) / 2;
        int g = (rgb >> 8 & 0xff) / 2;
        int b = (rgb & 0xff) / 2;
        return String.format("#%02x%02x%02x", r, g, b);
    }
}
