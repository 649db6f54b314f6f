package dev.redao.testsupport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One node's view of a Redis Cluster, parsed from its {@code CLUSTER NODES} answer: one entry per
 * node it knows, with the node's flags, its master and its slots. Views of different nodes are
 * compared by {@link #shape()}, which leaves out what differs from observer to observer.
 */
record ClusterNodes(List<Entry> entries) {

    static final int SLOTS = 16384;

    /**
     * A line of {@code CLUSTER NODES}: {@code <id> <ip:port@cport[,hostname]> <flags> <master> <ping-sent>
     * <pong-recv> <config-epoch> <link-state> <slot>...}.
     *
     * @param ip empty while the node does not know its own address yet
     * @param masterId null for a master
     * @param slots ranges such as {@code 0-5460} or single slots; slots being migrated are left out
     */
    record Entry(String id, String ip, int port, Set<String> flags, String masterId, boolean connected, List<String> slots) {

        boolean isMaster() {
            return flags.contains("master");
        }

        boolean isReplica() {
            return flags.contains("slave");
        }

        boolean isMyself() {
            return flags.contains("myself");
        }

        /** Flagged as failing, or not fully joined: anything but a settled, reachable node. */
        boolean isTroubled() {
            return flags.contains("fail") || flags.contains("fail?") || flags.contains("handshake")
                    || flags.contains("noaddr") || !connected;
        }

        int slotCount() {
            int count = 0;
            for (String range : slots) {
                int dash = range.indexOf('-');
                count += dash < 0 ? 1 : Integer.parseInt(range.substring(dash + 1)) - Integer.parseInt(range.substring(0, dash)) + 1;
            }
            return count;
        }

        boolean owns(int slot) {
            for (String range : slots) {
                int dash = range.indexOf('-');
                int first = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int last = dash < 0 ? first : Integer.parseInt(range.substring(dash + 1));
                if (slot >= first && slot <= last) {
                    return true;
                }
            }
            return false;
        }
    }

    /** What every node of a settled cluster agrees on: who is there, who replicates whom, who owns which slots. */
    record Shape(String id, int port, boolean master, String masterId, List<String> slots) {
    }

    static ClusterNodes parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                entries.add(parseLine(trimmed));
            }
        }
        return new ClusterNodes(List.copyOf(entries));
    }

    private static Entry parseLine(String line) {
        String[] fields = line.split(" ");
        if (fields.length < 8) {
            throw new IllegalArgumentException("Not a CLUSTER NODES line: " + line);
        }
        String address = fields[1];
        int comma = address.indexOf(',');
        String ipAndPorts = comma < 0 ? address : address.substring(0, comma); // Redis 7 appends ",hostname"
        int at = ipAndPorts.indexOf('@');
        String ipAndPort = at < 0 ? ipAndPorts : ipAndPorts.substring(0, at);
        int colon = ipAndPort.lastIndexOf(':');
        List<String> slots = new ArrayList<>();
        for (int i = 8; i < fields.length; i++) {
            if (!fields[i].startsWith("[")) { // [slot->-id] and [slot-<-id] are migrations in progress
                slots.add(fields[i]);
            }
        }
        return new Entry(fields[0], ipAndPort.substring(0, colon), Integer.parseInt(ipAndPort.substring(colon + 1)),
                Set.of(fields[2].split(",")), "-".equals(fields[3]) ? null : fields[3],
                "connected".equals(fields[7]), List.copyOf(slots));
    }

    Entry myself() {
        return entries.stream().filter(Entry::isMyself).findFirst()
                .orElseThrow(() -> new IllegalStateException("CLUSTER NODES without a myself line: " + entries));
    }

    List<Shape> shape() {
        return entries.stream()
                .map(e -> new Shape(e.id(), e.port(), e.isMaster(), e.masterId(), e.slots()))
                .sorted(Comparator.comparing(Shape::id))
                .toList();
    }

    /** Masters that own slots, by their first slot. */
    List<Entry> slotOwners() {
        return entries.stream()
                .filter(e -> e.isMaster() && !e.slots().isEmpty())
                .sorted(Comparator.comparingInt(e -> firstSlot(e.slots().get(0))))
                .toList();
    }

    List<Entry> replicasOf(String masterId) {
        return entries.stream().filter(e -> e.isReplica() && masterId.equals(e.masterId())).toList();
    }

    private static int firstSlot(String range) {
        int dash = range.indexOf('-');
        return Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
    }
}
