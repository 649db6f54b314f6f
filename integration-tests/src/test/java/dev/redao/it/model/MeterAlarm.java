package dev.redao.it.model;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;

/** A model that is not partitioned, referring to a partitioned one: its id only, nothing followed. */
@Model
public record MeterAlarm(@Id Long id, @References(value = Meter.class, onDelete = OnDelete.KEEP) Long meterId, String text) {}
