package org.iocmap.service.config;

/**
 * Holds the settings of the MQTT subscription for fire-alarm events ({@code alarms.mqtt.*}).
 *
 * @param url the broker, such as {@code tcp://127.0.0.1:1883} ({@code ssl://}, {@code ws://} and {@code wss://} work
 *     too); empty switches the subscription off
 * @param topic the topic filter subscribed to, with QoS 1
 * @param clientId the client id; it names the broker's persistent session, so it must stay the same across restarts
 *     and differ between services sharing a broker
 * @param username empty for none
 * @param password empty for none; never logged
 */
public record AlarmMqttSettings(String url, String topic, String clientId, String username, String password) {

    /** Tests whether the subscription is on. */
    public boolean isOn() {
        return !url.isEmpty();
    }

    @Override
    public String toString() {
        return isOn() ? url + " " + topic + " as " + clientId : "off"; // without the credentials
    }
}
