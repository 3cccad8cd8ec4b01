import Foundation

/// FNV-1a: fast, stable digests (not security hashes). 64 bits fingerprint content for the
/// build cache; 32 bits, as 8 hex digits, make short stable slugs and ids from names.
enum Digest {
    static let fnv64Offset: UInt64 = 0xcbf2_9ce4_8422_2325

    static func fnv64<Bytes: Sequence<UInt8>>(_ bytes: Bytes, seed: UInt64 = fnv64Offset) -> UInt64 {
        // Data's and Array's iterators cost several times the hashing itself: walk raw bytes.
        if let hash = bytes.withContiguousStorageIfAvailable({ fnv64(UnsafeRawBufferPointer($0), seed: seed) }) {
            return hash
        }
        if let data = bytes as? Data {
            return data.withUnsafeBytes { fnv64($0, seed: seed) }
        }
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    static func fnv64(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = fnv64Offset) -> UInt64 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// A 64-bit digest as 16 hex digits.
    static func hex(_ hash: UInt64) -> String { hexDigits(hash, count: 16) }

    static func hex(_ data: Data) -> String { hex(fnv64(data)) }

    static func hex(_ parts: [Data]) -> String {
        var hash = fnv64Offset
        for part in parts {
            hash = fnv64(part, seed: hash)
            hash = fnv64(CollectionOfOne(0xFF), seed: hash)
        }
        return hex(hash)
    }

    /// 32-bit FNV-1a of the UTF-8 of `s`, as 8 hex digits.
    static func fnv32(_ s: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in s.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hexDigits(UInt64(hash), count: 8)
    }

    /// The low `count` nibbles of `value`, most significant first, lower-case.
    private static func hexDigits(_ value: UInt64, count: Int) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: count) { out in
            for i in 0..<count {
                let nibble = Int((value >> UInt64(4 * (count - 1 - i))) & 0xF)
                out[i] = digits.utf8Start[nibble]
            }
            return count
        }
    }
}
