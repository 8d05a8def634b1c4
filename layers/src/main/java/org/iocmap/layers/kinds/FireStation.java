package org.iocmap.layers.kinds;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.locationtech.jts.geom.Point;

/** Stores a fire station (đội cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ) that fire incidents are sent to. */
@Entity
@Table(name = "fire_station")
public class FireStation {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "id_seq")
    @SequenceGenerator(name = "id_seq", sequenceName = "id_seq", allocationSize = 50)
    private Long id;

    private String code;

    private String name;

    private String address;

    private String phone;

    private String district;

    private Point geom;

    protected FireStation() {}

    public FireStation(String code, String name, String address, String phone, String district, Point geom) {
        this.code = code;
        this.name = name;
        this.address = address;
        this.phone = phone;
        this.district = district;
        this.geom = geom;
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public String getAddress() {
        return address;
    }

    public String getPhone() {
        return phone;
    }

    public String getDistrict() {
        return district;
    }

    public Point getGeom() {
        return geom;
    }
}
