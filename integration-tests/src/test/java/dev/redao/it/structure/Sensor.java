package dev.redao.it.structure;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.runtime.structure.TimeSeries;

/** A class (not a record) of a partitioned model with a structure field: the DAO sets its handle. */
@Model(partitions = 4)
public class Sensor {
    @Id
    private String id;
    private String place;
    private TimeSeries<Long> samples;

    public Sensor() {}

    public Sensor(String id, String place) {
        this.id = id;
        this.place = place;
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getPlace() { return place; }
    public void setPlace(String place) { this.place = place; }
    public TimeSeries<Long> getSamples() { return samples; }
    public void setSamples(TimeSeries<Long> samples) { this.samples = samples; }
}
