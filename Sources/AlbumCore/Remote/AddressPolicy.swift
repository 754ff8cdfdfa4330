import Foundation

/// Which network addresses a URL upload may reach: public unicast only. Loopback, private,
/// shared (CGNAT), link-local (cloud metadata at 169.254.169.254), multicast, broadcast,
/// reserved and unspecified addresses are refused, in IPv4 and IPv6, including IPv4 carried
/// inside IPv6 (`::ffff:127.0.0.1`, NAT64, 6to4). Names are resolved once with the system
/// resolver, which also reads the odd spellings (`2130706433`, `0x7f000001`, `0177.0.0.1`).
public enum AddressPolicy {
    /// An address as the resolver gave it: 4 or 16 bytes.
    public struct Address: Sendable, Equatable, CustomStringConvertible {
        public let bytes: [UInt8]

        public init(bytes: [UInt8]) { self.bytes = bytes }

        /// Text for curl's `--resolve` (IPv6 in brackets).
        public var description: String {
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            let family = bytes.count == 4 ? AF_INET : AF_INET6
            let text = bytes.withUnsafeBytes { raw in
                inet_ntop(family, raw.baseAddress, &buffer, socklen_t(buffer.count)).map { _ in
                    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                } ?? "?"
            }
            return bytes.count == 4 ? text : "[\(text)]"
        }
    }

    /// Every address `host` resolves to (a literal resolves to itself); empty when none.
    public static func resolve(_ host: String) -> [Address] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(list) }
        var found: [Address] = []
        for entry in sequence(first: first, next: { $0.pointee.ai_next }) {
            guard let sockaddr = entry.pointee.ai_addr else { continue }
            switch Int32(sockaddr.pointee.sa_family) {
            case AF_INET:
                sockaddr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    var address = pointer.pointee.sin_addr
                    found.append(Address(bytes: withUnsafeBytes(of: &address) { Array($0) }))
                }
            case AF_INET6:
                sockaddr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    var address = pointer.pointee.sin6_addr
                    found.append(Address(bytes: withUnsafeBytes(of: &address) { Array($0) }))
                }
            default: continue
            }
        }
        return found.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// Whether a URL upload may connect to `address`.
    public static func isPublic(_ address: Address) -> Bool {
        let b = address.bytes
        if b.count == 4 { return isPublicIPv4(b) }
        guard b.count == 16 else { return false }
        let zeros = b[0..<10].allSatisfy { $0 == 0 }
        // IPv4-mapped (::ffff:a.b.c.d) and the deprecated IPv4-compatible (::a.b.c.d) forms.
        if zeros && b[10] == 0xff && b[11] == 0xff { return isPublicIPv4(Array(b[12..<16])) }
        if zeros && b[10] == 0 && b[11] == 0 { return false }  // ::, ::1 and ::a.b.c.d
        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address too.
        if b[0..<12] == [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0][...] { return isPublicIPv4(Array(b[12..<16])) }
        if b[0] == 0x20 && b[1] == 0x02 { return isPublicIPv4(Array(b[2..<6])) }
        if b[0] == 0xff { return false }  // multicast
        if b[0] & 0xfe == 0xfc { return false }  // unique local fc00::/7
        if b[0] == 0xfe && b[1] & 0xc0 == 0x80 { return false }  // link-local fe80::/10
        if b[0] == 0xfe && b[1] & 0xc0 == 0xc0 { return false }  // site-local fec0::/10
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8 { return false }  // documentation
        return b[0] & 0xe0 == 0x20  // global unicast is 2000::/3
    }

    private static func isPublicIPv4(_ b: [UInt8]) -> Bool {
        switch (b[0], b[1]) {
        case (0, _), (10, _), (127, _): return false  // "this network", private, loopback
        case (100, 64...127): return false  // shared address space (CGNAT)
        case (169, 254): return false  // link-local, cloud metadata
        case (172, 16...31), (192, 168): return false  // private
        case (192, 0) where b[2] == 0 || b[2] == 2: return false  // protocol assignments, TEST-NET-1
        case (198, 18...19): return false  // benchmarking
        case (198, 51) where b[2] == 100, (203, 0) where b[2] == 113: return false  // TEST-NET-2, -3
        case (224...255, _): return false  // multicast, reserved, broadcast
        default: return true
        }
    }
}
