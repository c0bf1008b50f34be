package org.ebp.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code members=host:port,...} setting of {@code cluster start}: the explicit list a new member
 * joins through (TCP-IP, no multicast). A malformed entry is refused before anything starts.
 */
record MemberList(List<String> addresses) {

    static final String EXAMPLE = "members=127.0.0.1:5702,10.0.0.7:5701";

    MemberList {
        addresses = List.copyOf(addresses);
    }

    /**
     * Parses the setting (empty: no other member named, this one starts a cluster of its own).
     *
     * @throws IllegalArgumentException naming the entry and the form it must have
     */
    static MemberList parse(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new MemberList(out);
        }
        for (String raw : text.split(",", -1)) {
            String entry = raw.trim();
            int colon = entry.lastIndexOf(':');
            String host = colon < 0 ? "" : entry.substring(0, colon);
            String port = colon < 0 ? "" : entry.substring(colon + 1);
            if (host.isEmpty() || !host.matches("[A-Za-z0-9.\\-]+") || !port.matches("\\d{1,5}")
                    || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException("members entry '" + entry + "' is not host:port (port 1-65535); e.g. "
                        + EXAMPLE);
            }
            out.add(host + ":" + Integer.parseInt(port));
        }
        return new MemberList(out);
    }

    /** True when every member named is on this machine's loopback: the member then binds to 127.0.0.1 only. */
    boolean loopbackOnly() {
        for (String a : addresses) {
            String host = a.substring(0, a.lastIndexOf(':'));
            if (!(host.equals("localhost") || host.startsWith("127."))) {
                return false;
            }
        }
        return true;
    }
}
