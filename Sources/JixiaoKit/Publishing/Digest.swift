import Foundation

/// FNV-1a, 64 bits: a fast, stable content fingerprint for the build cache (not a security hash).
enum Digest {
    static func fnv64(_ data: Data, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = seed
        data.withUnsafeBytes { raw in
            for byte in raw.bindMemory(to: UInt8.self) {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        return hash
    }

    static func fnv64(_ bytes: [UInt8], seed: UInt64) -> UInt64 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    static func hex(_ data: Data) -> String { String(format: "%016llx", fnv64(data)) }

    static func hex(_ parts: [Data]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            hash = fnv64(part, seed: hash)
            hash = fnv64(Data([0xFF]), seed: hash)
        }
        return String(format: "%016llx", hash)
    }
}
