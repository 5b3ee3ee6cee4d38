import Foundation

/// Decides which resolved addresses `--deny-private-networks` refuses: everything that is not
/// globally routable unicast. Checked on the address libcurl is about to connect to (after
/// DNS), so a public host name that resolves to 127.0.0.1 or 169.254.169.254 (cloud metadata)
/// is refused too, on redirects as well.
public enum NetworkAddressPolicy {
    /// IPv4 blocks refused, as (network, prefix length).
    static let deniedIPv4: [(UInt32, Int)] = [
        (0x0000_0000, 8),   // 0.0.0.0/8 "this network"
        (0x0A00_0000, 8),   // 10.0.0.0/8 private
        (0x6440_0000, 10),  // 100.64.0.0/10 carrier-grade NAT
        (0x7F00_0000, 8),   // 127.0.0.0/8 loopback
        (0xA9FE_0000, 16),  // 169.254.0.0/16 link-local (cloud metadata)
        (0xAC10_0000, 12),  // 172.16.0.0/12 private
        (0xC000_0000, 24),  // 192.0.0.0/24 IETF protocol assignments
        (0xC000_0200, 24),  // 192.0.2.0/24 documentation
        (0xC0A8_0000, 16),  // 192.168.0.0/16 private
        (0xC612_0000, 15),  // 198.18.0.0/15 benchmarking
        (0xC633_6400, 24),  // 198.51.100.0/24 documentation
        (0xCB00_7100, 24),  // 203.0.113.0/24 documentation
        (0xE000_0000, 4),   // 224.0.0.0/4 multicast
        (0xF000_0000, 4),   // 240.0.0.0/4 reserved, broadcast
    ]

    /// True when an IPv4 address (4 bytes, network order) must be refused.
    public static func isDenied(ipv4 bytes: [UInt8]) -> Bool {
        guard bytes.count == 4 else { return true }
        let value = UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3])
        return deniedIPv4.contains { network, prefix in
            let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << (32 - prefix)
            return value & mask == network
        }
    }

    /// True when an IPv6 address (16 bytes) must be refused. Addresses that embed an IPv4
    /// address (mapped, NAT64, 6to4) are judged by the embedded address.
    public static func isDenied(ipv6 bytes: [UInt8]) -> Bool {
        guard bytes.count == 16 else { return true }
        func zero(_ range: Range<Int>) -> Bool { bytes[range].allSatisfy { $0 == 0 } }
        if zero(0..<10), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return isDenied(ipv4: Array(bytes[12..<16]))  // ::ffff:a.b.c.d mapped
        }
        if zero(0..<12) { return true }  // ::, ::1 and deprecated IPv4-compatible
        if bytes[0] == 0x00, bytes[1] == 0x64, bytes[2] == 0xFF, bytes[3] == 0x9B, zero(4..<12) {
            return isDenied(ipv4: Array(bytes[12..<16]))  // 64:ff9b::/96 NAT64
        }
        if bytes[0] == 0x20, bytes[1] == 0x02 {
            return isDenied(ipv4: Array(bytes[2..<6]))  // 2002::/16 6to4
        }
        if bytes[0] == 0x01, bytes[1] == 0x00, zero(2..<8) { return true }  // 100::/64 discard
        if bytes[0] == 0x20, bytes[1] == 0x01, bytes[2] == 0x0D, bytes[3] == 0xB8 { return true }  // documentation
        if bytes[0] & 0xFE == 0xFC { return true }  // fc00::/7 unique local
        if bytes[0] == 0xFE, bytes[1] & 0xC0 == 0x80 { return true }  // fe80::/10 link-local
        if bytes[0] == 0xFE, bytes[1] & 0xC0 == 0xC0 { return true }  // fec0::/10 site-local
        if bytes[0] == 0xFF { return true }  // multicast
        return false
    }

    /// Judges an address in text form; nil when it is not an IP address.
    public static func isDenied(address: String) -> Bool? {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { isDenied(ipv4: Array($0)) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, address, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { isDenied(ipv6: Array($0)) }
        }
        return nil
    }

    /// Judges a `sockaddr` as libcurl hands it to the open-socket callback. Unknown address
    /// families (Unix sockets) are refused.
    static func isDenied(sockaddr pointer: UnsafeRawPointer, length: Int) -> Bool {
        let family = pointer.loadUnaligned(as: sockaddr.self).sa_family
        if Int32(family) == AF_INET, length >= MemoryLayout<sockaddr_in>.size {
            var address = pointer.loadUnaligned(as: sockaddr_in.self).sin_addr
            return withUnsafeBytes(of: &address) { isDenied(ipv4: Array($0)) }
        }
        if Int32(family) == AF_INET6, length >= MemoryLayout<sockaddr_in6>.size {
            var address = pointer.loadUnaligned(as: sockaddr_in6.self).sin6_addr
            return withUnsafeBytes(of: &address) { isDenied(ipv6: Array($0)) }
        }
        return true
    }

    /// The address of a `sockaddr` as text, for messages.
    static func describe(sockaddr pointer: UnsafeRawPointer) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let family = Int32(pointer.loadUnaligned(as: sockaddr.self).sa_family)
        if family == AF_INET {
            var address = pointer.loadUnaligned(as: sockaddr_in.self).sin_addr
            inet_ntop(AF_INET, &address, &buffer, socklen_t(buffer.count))
        } else if family == AF_INET6 {
            var address = pointer.loadUnaligned(as: sockaddr_in6.self).sin6_addr
            inet_ntop(AF_INET6, &address, &buffer, socklen_t(buffer.count))
        } else {
            return "address family \(family)"
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
