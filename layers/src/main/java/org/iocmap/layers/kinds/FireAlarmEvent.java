package org.iocmap.layers.kinds;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Stores one event of a fire-alarm device: ALARM, FAULT or RESTORE as the device sent it, or OFFLINE and ONLINE as the
 * platform noticed them. The service writes events with plain JDBC, with the sender's event id and the receipt time.
 */
@Entity
@Table(name = "fire_alarm_event")
public class FireAlarmEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "id_seq")
    @SequenceGenerator(name = "id_seq", sequenceName = "id_seq", allocationSize = 50)
    private Long id;

    @Column(name = "device_id")
    private Long deviceId;

    @Column(name = "event_type")
    private String eventType;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    protected FireAlarmEvent() {}

    public FireAlarmEvent(Long deviceId, String eventType, Instant occurredAt) {
        this.deviceId = deviceId;
        this.eventType = eventType;
        this.occurredAt = occurredAt;
    }

    public Long getId() {
        return id;
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public void setDeviceId(Long deviceId) {
        this.deviceId = deviceId;
    }

    public String getEventType() {
        return eventType;
    }

    public void setEventType(String eventType) {
        this.eventType = eventType;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public void setOccurredAt(Instant occurredAt) {
        this.occurredAt = occurredAt;
    }
}
