package org.iocmap.layers.demo;

import java.util.List;
import java.util.Locale;

/** Makes up Vietnamese personal names and mobile numbers for citizen reports. */
final class People {
    private static final List<String> FAMILY_NAMES = List.of(
            "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Trương", "Đinh", "Lương", "Mai");
    // Weights of the family names above: Nguyễn alone is close to four in ten Vietnamese.
    private static final double[] FAMILY_WEIGHTS = {
        38, 11, 9.5, 7, 5.1, 4.5, 4.5, 3.9, 3.9, 2.1, 2, 1.4, 1.3, 1.3, 1, 0.5, 0.6, 0.5, 0.4, 0.4
    };
    private static final List<String> MALE_MIDDLE = List.of("Văn", "Minh", "Hữu", "Đức", "Quốc", "Thanh", "Công");
    private static final List<String> FEMALE_MIDDLE = List.of("Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Bảo");
    private static final List<String> MALE_GIVEN = List.of(
            "An", "Bình", "Cường", "Dũng", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Quân", "Sơn", "Tâm",
            "Thắng", "Trung", "Tuấn", "Việt", "Vinh", "Toàn");
    private static final List<String> FEMALE_GIVEN = List.of(
            "Anh", "Châu", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Nhung", "Phương", "Thảo",
            "Trang", "Uyên", "Vy", "Yến", "Hằng", "Trâm");
    // The mobile prefixes in use after the 2018 renumbering that start with 09.
    private static final List<String> MOBILE_PREFIXES = List.of("090", "091", "093", "094", "096", "097", "098");

    private People() {}

    /** Returns a full name: family name, middle name, given name. */
    static String name(Dice dice) {
        String family = FAMILY_NAMES.get(dice.weighted(FAMILY_WEIGHTS));
        if (dice.chance(0.5)) {
            return family + " " + dice.pick(MALE_MIDDLE) + " " + dice.pick(MALE_GIVEN);
        }
        return family + " " + dice.pick(FEMALE_MIDDLE) + " " + dice.pick(FEMALE_GIVEN);
    }

    /** Returns a mobile number in the national format, ten digits starting with 09. */
    static String mobile(Dice dice) {
        return dice.pick(MOBILE_PREFIXES) + String.format(Locale.ROOT, "%07d", dice.between(0, 9_999_999));
    }
}
