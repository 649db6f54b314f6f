/**
 * The models of {@code OrdersDemo}: buyers, items, purchases, reviews and labels that reference
 * each other. They share {@code @Model(group = "orders")}, so their keys live under one hash tag
 * ({@code {<namespace>:orders}:<model>:...}) and a delete, a transaction or a related load can
 * write or read several of them in one script, on a cluster too.
 */
package dev.redao.samples.orders;
