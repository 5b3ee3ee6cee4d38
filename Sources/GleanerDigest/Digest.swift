import COpenSSL

/// Message digests through the system OpenSSL (libcrypto): SHA-256 for content hashes,
/// SHA-1 for WARC block and payload digests. One call per buffer; no state is kept.
public enum Digest {
    /// The algorithms Gleaner needs.
    public enum Algorithm: Sendable {
        case sha1, sha256

        var byteCount: Int { self == .sha1 ? 20 : 32 }
    }

    /// The raw digest of `bytes`.
    public static func hash<Bytes: Collection<UInt8>>(_ algorithm: Algorithm, _ bytes: Bytes) -> [UInt8] {
        if let digest = bytes.withContiguousStorageIfAvailable({ hash(algorithm, UnsafeRawBufferPointer($0)) }) {
            return digest
        }
        return Array(bytes).withUnsafeBytes { hash(algorithm, $0) }
    }

    /// The raw digest of the bytes in `raw`.
    public static func hash(_ algorithm: Algorithm, _ raw: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: algorithm.byteCount)
        do {
            out.withUnsafeMutableBufferPointer { digest in
                switch algorithm {
                case .sha1: gleaner_sha1(raw.baseAddress, raw.count, digest.baseAddress)
                case .sha256: gleaner_sha256(raw.baseAddress, raw.count, digest.baseAddress)
                }
            }
        }
        return out
    }

    /// SHA-256 of `bytes` as 64 lower-case hex digits.
    public static func sha256Hex<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        hex(hash(.sha256, bytes))
    }

    /// Lower-case hex of a digest.
    public static func hex(_ digest: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(digest.count * 2)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// RFC 4648 base32 (upper case, no padding needed for 20-byte SHA-1), as WARC digests use.
    public static func base32(_ digest: [UInt8]) -> String {
        let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
        var out = [UInt8]()
        var buffer: UInt32 = 0
        var bits = 0
        for byte in digest {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        while out.count % 8 != 0 { out.append(UInt8(ascii: "=")) }
        return String(decoding: out, as: UTF8.self)
    }
}
