package com.securemodel.core.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * Which addresses a webhook may not reach: everything but public unicast. Refused: loopback, "this network",
 * private ranges (RFC 1918), carrier-grade NAT (100.64.0.0/10), link-local (169.254.0.0/16, including the instance
 * metadata address 169.254.169.254), IETF, documentation and benchmarking ranges, multicast, broadcast and reserved
 * IPv4; IPv6 unspecified, loopback, unique local (fc00::/7, including the metadata address fd00:ec2::254),
 * link-local, site-local, multicast, documentation, Teredo and discard; an IPv4 address written in IPv6 (mapped
 * {@code ::ffff:a.b.c.d}, compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:ab:cd::})
 * is judged by the IPv4 address inside.
 *
 * @see <a href="https://www.iana.org/assignments/iana-ipv4-special-registry/">IANA IPv4 special-purpose registry</a>
 * @see <a href="https://www.iana.org/assignments/iana-ipv6-special-registry/">IANA IPv6 special-purpose registry</a>
 */
public final class ForbiddenAddresses {

    private ForbiddenAddresses() {
    }

    /** @return null when {@code address} is public unicast, else what it is, in words */
    public static String reason(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return ipv4(bytes);
        }
        if (address instanceof Inet6Address) {
            return ipv6(bytes);
        }
        return "an address of an unknown family";
    }

    /** @return whether {@code address} is a loopback address (127.0.0.0/8, ::1, or IPv4 loopback written in IPv6) */
    public static boolean isLoopback(InetAddress address) {
        byte[] bytes = address.getAddress();
        byte[] v4 = bytes.length == 16 ? embeddedIpv4(bytes) : bytes;
        return address.isLoopbackAddress() || (v4 != null && v4.length == 4 && (v4[0] & 0xff) == 127);
    }

    private static String ipv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 169 && a1 == 254 && a2 == 169 && (b[3] & 0xff) == 254) {
            return "the instance metadata address";
        }
        if (a0 == 127) {
            return "a loopback address";
        }
        if (a0 == 0) {
            return "a \"this network\" address";
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return "a private address";
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return "a carrier-grade NAT address";
        }
        if (a0 == 169 && a1 == 254) {
            return "a link-local address";
        }
        if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2) || a0 == 198 && a1 == 51 && a2 == 100
                || a0 == 203 && a1 == 0 && a2 == 113 || a0 == 198 && (a1 & 0xfe) == 18 || a0 == 192 && a1 == 88
                && a2 == 99) {
            return "a reserved (IETF, documentation or benchmarking) address";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "a multicast address";
        }
        if (a0 >= 240) {
            return "a reserved or broadcast address";
        }
        return null;
    }

    private static String ipv6(byte[] b) {
        if (Arrays.equals(b, new byte[16])) {
            return "the unspecified address";
        }
        if (isZero(b, 0, 15) && b[15] == 1) {
            return "a loopback address";
        }
        byte[] v4 = embeddedIpv4(b);
        if (v4 != null) {
            String inside = ipv4(v4);
            return inside == null ? null : inside + " (IPv4 inside IPv6)";
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b0 == 0xfd && b1 == 0x00 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2 && isZero(b, 4, 14)
                && (b[14] & 0xff) == 0x02 && (b[15] & 0xff) == 0x54) {
            return "the instance metadata address";
        }
        if ((b0 & 0xfe) == 0xfc) {
            return "a unique local address";
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return "a link-local address";
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return "a site-local address";
        }
        if (b0 == 0xff) {
            return "a multicast address";
        }
        if (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return "a documentation address";
        }
        if (b0 == 0x20 && b1 == 0x01 && b[2] == 0 && b[3] == 0) {
            return "a Teredo address";
        }
        if (b0 == 0x01 && b1 == 0x00 && isZero(b, 2, 8)) {
            return "a discard-only address";
        }
        if (isZero(b, 0, 10)) {
            return "a reserved address";
        }
        return null;
    }

    /** @return the IPv4 address a mapped, compatible, NAT64 or 6to4 IPv6 address carries, or null */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean mapped = isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = isZero(b, 0, 12) && !isZero(b, 12, 16);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12);
        if (mapped || compatible || nat64) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Arrays.copyOfRange(b, 2, 6);
        }
        return null;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
