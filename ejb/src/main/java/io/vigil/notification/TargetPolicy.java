package io.vigil.notification;

import io.vigil.config.Settings;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which hosts a webhook may call, against server-side request forgery: a
 * channel is a way to make the server send requests, so an operator's URL (or
 * a name that later resolves elsewhere) must not reach the cloud's metadata
 * service or other link-local addresses. Those, the unspecified address and
 * multicast are always refused unless {@code vigil.notifications.allowedHosts}
 * names the host exactly or a CIDR block holding the address. When the list is
 * set, it is also the only way out: a host must match an entry (a name,
 * {@code *.suffix}, or a CIDR block). Checked when a channel is saved and
 * again before every send, with the addresses the name resolves to then.
 */
public final class TargetPolicy {

    private static final Set<String> METADATA_NAMES = Set.of("metadata", "metadata.google.internal",
            "metadata.goog", "instance-data", "instance-data.ec2.internal");
    private static final Set<String> METADATA_ADDRESSES = Set.of("169.254.169.254", "100.100.100.200",
            "fd00:ec2:0:0:0:0:0:254", "169.254.170.2");

    private final List<String> allowed;

    TargetPolicy(String allowedHosts) {
        this.allowed = Arrays.stream(allowedHosts.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    public static TargetPolicy fromSettings() {
        return new TargetPolicy(Settings.notificationsAllowedHosts());
    }

    /**
     * Why this webhook URL may not be used, or null when it may. A name that
     * does not resolve is accepted when {@code mustResolve} is false (a channel
     * saved before its host is up); it is checked again at every send.
     */
    public String refusal(String url, boolean mustResolve) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return "url is not a valid URL: " + e.getMessage();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "url must be an http:// or https:// URL, got " + (scheme.isEmpty() ? "no scheme" : scheme + ":");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return "url has no host";
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return hostRefusal(host, mustResolve);
    }

    private String hostRefusal(String host, boolean mustResolve) {
        if (METADATA_NAMES.contains(host) && !exactlyListed(host)) {
            return "host " + host + " is a cloud metadata service; list it in vigil.notifications.allowedHosts to allow it";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            if (!allowed.isEmpty() && !nameListed(host)) {
                return "host " + host + " is not in vigil.notifications.allowedHosts";
            }
            return mustResolve ? "host " + host + " does not resolve" : null;
        } catch (SecurityException e) {
            return "host " + host + " may not be looked up: " + e.getMessage();
        }
        for (InetAddress address : addresses) {
            boolean listed = exactlyListed(host) || cidrListed(address);
            if (!listed && (METADATA_NAMES.contains(host) || isForbidden(address))) {
                return "host " + host + " is " + address.getHostAddress() + ", a link-local, metadata, unspecified"
                        + " or multicast address; list it in vigil.notifications.allowedHosts to allow it";
            }
            if (!allowed.isEmpty() && !listed && !nameListed(host)) {
                return "host " + host + " (" + address.getHostAddress() + ") is not in vigil.notifications.allowedHosts";
            }
        }
        return null;
    }

    static boolean isForbidden(InetAddress address) {
        if (address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress()
                || METADATA_ADDRESSES.contains(address.getHostAddress())) {
            return true;
        }
        // IPv4 in an IPv6 form that Java does not map for us (::a.b.c.d, NAT64 64:ff9b::a.b.c.d).
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean compatible = Arrays.equals(Arrays.copyOf(b, 12), new byte[12]);
            boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
            if (compatible || nat64) {
                try {
                    return isForbidden(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean exactlyListed(String host) {
        return allowed.contains(host);
    }

    private boolean nameListed(String host) {
        return allowed.stream().anyMatch(entry -> entry.equals(host)
                || entry.startsWith("*.") && host.endsWith(entry.substring(1)));
    }

    private boolean cidrListed(InetAddress address) {
        return allowed.stream().filter(entry -> entry.contains("/")).anyMatch(entry -> inBlock(address, entry));
    }

    static boolean inBlock(InetAddress address, String cidr) {
        int slash = cidr.indexOf('/');
        try {
            byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            byte[] candidate = address.getAddress();
            if (network.length != candidate.length || bits < 0 || bits > network.length * 8) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((network[i / 8] & mask) != (candidate[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }
}
