package org.iocmap.layers.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.iocmap.layers.kinds.Camera;
import org.locationtech.jts.geom.Point;

/** Generates the camera network: most cameras in Nha Trang, the rest in the other towns. */
final class CameraGenerator {
    static final int COUNT = 240;

    /** Host name of the demo video gateway; a deployment points the cameras at its own (PATCH /api/cameras/{code}). */
    static final String GATEWAY = "camera-gateway.local";

    /** Weights of {@link Town#ALL}: Nha Trang carries most of the network, as in the real city surveillance plans. */
    private static final double[] TOWN_WEIGHTS = {0.56, 0.12, 0.09, 0.06, 0.07, 0.05, 0.03, 0.02};

    private static final List<String> DIRECTIONS =
            List.of("Bắc", "Đông Bắc", "Đông", "Đông Nam", "Nam", "Tây Nam", "Tây", "Tây Bắc");

    private CameraGenerator() {}

    /** Creates {@value #COUNT} cameras, installed during the six years before {@code anchor}. */
    static List<Camera> generate(DemoGeography geo, Instant anchor) {
        Dice dice = new Dice(DemoData.SEED, "cameras");
        List<Camera> cameras = new ArrayList<>(COUNT);
        for (int i = 1; i <= COUNT; i++) {
            Town town = Town.ALL.get(dice.weighted(TOWN_WEIGHTS));
            boolean city = town == Town.NHA_TRANG;
            String type = Weighted.<String>of(
                            "traffic", city ? 40 : 35, "security", city ? 40 : 50, "plate_reading", city ? 20 : 15)
                    .draw(dice);
            Point location = geo.scatterOnLand(dice, town);
            double heading = dice.between(0, 359);
            double fov;
            double range;
            String name;
            String direction = DIRECTIONS.get((int) Math.floor((heading + 22.5) / 45) % 8);
            switch (type) {
                case "traffic" -> {
                    fov = dice.between(60, 90);
                    range = dice.between(80, 200);
                    name = "Camera giao thông " + dice.pick(town.trafficSpots()) + " (hướng " + direction + ")";
                }
                case "security" -> {
                    fov = dice.between(70, 120);
                    range = dice.between(40, 120);
                    name = "Camera an ninh " + dice.pick(town.securitySpots());
                }
                default -> {
                    fov = dice.between(50, 60); // plate readers need a narrow view to resolve the characters
                    range = dice.between(40, 80);
                    name = "Camera nhận dạng biển số " + dice.pick(town.plateSpots()) + " (hướng " + direction + ")";
                }
            }
            String status = dice.chance(0.07) ? "offline" : "online";
            Instant installed = anchor.minus(Duration.ofMinutes(dice.between(20 * 1440, 6 * 365 * 1440)));
            String code = String.format(Locale.ROOT, "KH-CAM-%04d", i);
            Camera camera =
                    new Camera(code, name, type, heading, fov, range, status, town.district(), installed, location);
            // The province's video gateway, on the centre's own network: RTSP for live video, HTTP for stills.
            camera.setStreamUrl("rtsp://" + GATEWAY + ":554/live/" + code);
            camera.setSnapshotUrl("http://" + GATEWAY + "/snapshot/" + code + ".jpg");
            cameras.add(camera);
        }
        return cameras;
    }
}
