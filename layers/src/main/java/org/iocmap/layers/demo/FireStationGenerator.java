package org.iocmap.layers.demo;

import java.util.ArrayList;
import java.util.List;
import org.iocmap.layers.kinds.FireStation;
import org.locationtech.jts.geom.Point;

/**
 * Generates the fire stations of the province: one per town, three in Nha Trang (the centre, the north around Vĩnh Hải
 * and the south around Phước Long).
 *
 * <p>Demo positions, not the real addresses: each station stands a few hundred metres from a town centre of {@link
 * Town}, on land; names follow the usual pattern of the province's fire police teams, and the phone numbers are made
 * up (in an emergency Vietnam's fire number is 114).
 */
final class FireStationGenerator {
    private FireStationGenerator() {}

    /** Describes a station: its code, the name after "Đội Cảnh sát PCCC và CNCH", the town and which town centre. */
    private record Plan(String code, String area, Town town, int centre, String phone) {}

    private static final List<Plan> PLANS = List.of(
            new Plan("PCCC-NT-01", "khu vực Nha Trang", Town.NHA_TRANG, 0, "0258 3810 114"),
            new Plan("PCCC-NT-02", "khu vực Bắc Nha Trang", Town.NHA_TRANG, 1, "0258 3820 114"),
            new Plan("PCCC-NT-03", "khu vực Nam Nha Trang", Town.NHA_TRANG, 2, "0258 3830 114"),
            new Plan("PCCC-CR-01", "khu vực Cam Ranh", Town.CAM_RANH, 0, "0258 3850 114"),
            new Plan("PCCC-NH-01", "khu vực Ninh Hòa", Town.NINH_HOA, 0, "0258 3860 114"),
            new Plan("PCCC-VN-01", "khu vực Vạn Ninh", Town.VAN_GIA, 0, "0258 3870 114"),
            new Plan("PCCC-DK-01", "khu vực Diên Khánh", Town.DIEN_KHANH, 0, "0258 3880 114"),
            new Plan("PCCC-CL-01", "khu vực Cam Lâm", Town.CAM_DUC, 0, "0258 3890 114"),
            new Plan("PCCC-KV-01", "khu vực Khánh Vĩnh", Town.KHANH_VINH, 0, "0258 3790 114"),
            new Plan("PCCC-KS-01", "khu vực Khánh Sơn", Town.TO_HAP, 0, "0258 3780 114"));

    /** Returns the number of stations {@link #generate} makes. */
    static int count() {
        return PLANS.size();
    }

    /** Creates the stations; the same every time. */
    static List<FireStation> generate(DemoGeography geo) {
        Dice dice = new Dice(DemoData.SEED, "fire-stations");
        List<FireStation> stations = new ArrayList<>(PLANS.size());
        for (Plan plan : PLANS) {
            double[] centre = plan.town().centres().get(plan.centre());
            Point site = geo.scatter(dice, centre[0], centre[1], 400, geo::isOnLand);
            stations.add(new FireStation(
                    plan.code(),
                    "Đội Cảnh sát PCCC và CNCH " + plan.area(),
                    plan.town().address(dice),
                    plan.phone(),
                    plan.town().district(),
                    site));
        }
        return stations;
    }
}
