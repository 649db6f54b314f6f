package dev.redao.it.expiry;

import dev.redao.annotations.Id;
import dev.redao.annotations.Model;
import dev.redao.annotations.OnDelete;
import dev.redao.annotations.References;

/** Keeps its device from being deleted, even by the expiry of the device's session. */
@Model(name = "lock", group = "auth")
public record DeviceLock(
        @Id Long id,
        @References(value = Device.class, onDelete = OnDelete.RESTRICT) Long deviceId) {}
