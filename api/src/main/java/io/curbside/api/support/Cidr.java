package io.curbside.api.support;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.util.Arrays;

/** A block of addresses, "10.0.0.0/8" or "2001:db8::/32"; a bare address is a block of one. */
public final class Cidr {

    private final byte[] network;
    private final int bits;
    private final String text;

    private Cidr(byte[] network, int bits, String text) {
        this.network = network;
        this.bits = bits;
        this.text = text;
    }

    /** Parses the block, refusing anything else (a host name would need DNS: never for a trust decision). */
    public static Cidr parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        byte[] address = Addresses.literal(slash < 0 ? s : s.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address or CIDR block");
        }
        int bits = address.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("\"" + text + "\" has no valid prefix length (0 to "
                        + address.length * 8 + ")");
            }
        }
        return new Cidr(mask(address, bits), bits, s);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = Addresses.normalized(address.getAddress());
        return bytes.length == network.length && Arrays.equals(mask(bytes, bits), network);
    }

    /** The first {@code bits} bits of the address, the rest zero. */
    public static byte[] mask(byte[] address, int bits) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            masked[i] &= (byte) (0xFF << (8 - keep));
        }
        return masked;
    }

    @Override
    public String toString() {
        return text;
    }

    /** IP literals without DNS, and IPv4 addresses that arrive mapped into IPv6 made IPv4 again. */
    public static final class Addresses {

        private Addresses() {
        }

        /** The address in the text, or null when it is not an IP literal ("[::1]" brackets allowed). */
        public static byte[] literal(String text) {
            String s = text.strip();
            if (s.startsWith("[") && s.endsWith("]")) {
                s = s.substring(1, s.length() - 1);
            }
            byte[] bytes = NetUtil.createByteArrayFromIpAddressString(s);
            return bytes == null ? null : normalized(bytes);
        }

        public static byte[] normalized(byte[] address) {
            if (address.length == 16 && isV4Mapped(address)) {
                return Arrays.copyOfRange(address, 12, 16);
            }
            return address;
        }

        private static boolean isV4Mapped(byte[] a) {
            for (int i = 0; i < 10; i++) {
                if (a[i] != 0) {
                    return false;
                }
            }
            return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
        }
    }
}
