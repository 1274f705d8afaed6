package com.securemodel.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every class of address a webhook may not reach, and public ones it may. */
class ForbiddenAddressesTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1        | a loopback address",
            "127.255.0.9      | a loopback address",
            "::1              | a loopback address",
            "0.0.0.0          | a \"this network\" address",
            "::               | the unspecified address",
            "10.1.2.3         | a private address",
            "172.16.0.1       | a private address",
            "172.31.255.255   | a private address",
            "192.168.1.1      | a private address",
            "100.64.0.1       | a carrier-grade NAT address",
            "100.127.255.254  | a carrier-grade NAT address",
            "169.254.169.254  | the instance metadata address",
            "169.254.10.1     | a link-local address",
            "fd00:ec2::254    | the instance metadata address",
            "fd12:3456::1     | a unique local address",
            "fc00::1          | a unique local address",
            "fe80::1          | a link-local address",
            "fec0::1          | a site-local address",
            "224.0.0.1        | a multicast address",
            "239.255.255.250  | a multicast address",
            "ff02::1          | a multicast address",
            "255.255.255.255  | a reserved or broadcast address",
            "240.0.0.1        | a reserved or broadcast address",
            "192.0.2.10       | a reserved (IETF, documentation or benchmarking) address",
            "198.18.0.1       | a reserved (IETF, documentation or benchmarking) address",
            "2001:db8::1      | a documentation address",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2 | a Teredo address",
            "::127.0.0.1      | a loopback address (IPv4 inside IPv6)",
            "64:ff9b::a00:1   | a private address (IPv4 inside IPv6)",
            "64:ff9b::a9fe:a9fe | the instance metadata address (IPv4 inside IPv6)",
            "2002:a00:1::1    | a private address (IPv4 inside IPv6)",
            "2002:7f00:1::    | a loopback address (IPv4 inside IPv6)"})
    void reason_namesTheForbiddenClass(String literal, String reason) throws UnknownHostException {
        assertThat(ForbiddenAddresses.reason(InetAddress.getByName(literal))).isEqualTo(reason);
    }

    @ParameterizedTest(name = "::ffff:{0} (IPv4-mapped, kept as IPv6) is refused")
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "169.254.169.254", "100.64.0.1", "192.168.0.1"})
    void ipv4Mapped_isJudgedByTheIpv4Inside(String v4) throws UnknownHostException {
        byte[] inside = InetAddress.getByName(v4).getAddress();
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(inside, 0, mapped, 12, 4);
        // the JDK turns a mapped literal into an Inet4Address; raw bytes through Inet6Address stay IPv6
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);

        assertThat(ForbiddenAddresses.reason(address)).isNotNull().endsWith("(IPv4 inside IPv6)");
        assertThat(ForbiddenAddresses.reason(InetAddress.getByName("::ffff:" + v4))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "52.94.236.248", "172.32.0.1", "100.128.0.1", "169.255.0.1",
            "2606:4700:4700::1111", "2a00:1450:4001:81b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808"})
    void publicUnicast_isAllowed(String literal) throws UnknownHostException {
        assertThat(ForbiddenAddresses.reason(InetAddress.getByName(literal))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.9.9.9", "::1", "::ffff:127.0.0.1"})
    void loopback_isRecognised(String literal) throws UnknownHostException {
        assertThat(ForbiddenAddresses.isLoopback(InetAddress.getByName(literal))).isTrue();
    }
}
