/// Bytes appended at the end, for the buffers pages are written into. A value: a copy
/// that is appended to gets storage of its own first.
///
/// Not `[UInt8]`: its `append(contentsOf:)` takes the generic path for any sequence, some
/// hundred instructions per piece before the copy, and a page is thousands of small pieces
/// (tags, labels, escaped cells). Here a piece is a capacity check and a `memcpy`.
/// Sendable as `Array` is: a value whose storage is written only when no other value
/// holds it (`isKnownUniquelyReferenced`), so values on two threads never share a write.
struct PageBytes: @unchecked Sendable {
    private struct Header {
        var count: Int
        var capacity: Int
    }

    /// nil until the first byte (an empty buffer costs no allocation: tables make one per row).
    private var storage: ManagedBuffer<Header, UInt8>?

    init(capacity: Int = 0) {
        if capacity > 0 { storage = Self.make(capacity: capacity, from: nil) }
    }

    /// A buffer holding a copy of `bytes`.
    init(copying bytes: UnsafeRawBufferPointer) {
        self.init(capacity: bytes.count)
        append(bytes)
    }

    var count: Int { storage?.withUnsafeMutablePointerToHeader { $0.pointee.count } ?? 0 }
    var isEmpty: Bool { count == 0 }

    /// The bytes, copied out.
    var array: [UInt8] { withUnsafeBytes { Array($0) } }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard let storage else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return try storage.withUnsafeMutablePointers { header, bytes in
            try body(UnsafeRawBufferPointer(start: bytes, count: header.pointee.count))
        }
    }

    /// Room for `extra` more bytes, in storage of this value's own (growing by doubling).
    /// (The header is read through its pointer: a class's stored property would be checked
    /// for exclusive access at run time on every piece.)
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if isKnownUniquelyReferenced(&storage),
           storage.unsafelyUnwrapped.withUnsafeMutablePointerToHeader({ $0.pointee.capacity - $0.pointee.count >= extra }) { return }
        grow(extra)
    }

    @inline(never)
    private mutating func grow(_ extra: Int) {
        if isKnownUniquelyReferenced(&storage) {
            let (count, capacity) = storage.unsafelyUnwrapped.withUnsafeMutablePointerToHeader { ($0.pointee.count, $0.pointee.capacity) }
            storage = Self.make(capacity: Swift.max(count + extra, 2 * capacity), from: storage)
        } else {
            storage = Self.make(capacity: Swift.max(count + extra, 64), from: storage)
        }
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        guard n > 0 else { return }
        reserve(n)
        storage.unsafelyUnwrapped.withUnsafeMutablePointers { header, start in
            UnsafeMutableRawPointer(start + header.pointee.count).copyMemory(from: bytes.baseAddress!, byteCount: n)
            header.pointee.count += n
        }
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { append(UnsafeRawBufferPointer(bytes)) }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        storage.unsafelyUnwrapped.withUnsafeMutablePointers { header, start in
            start[header.pointee.count] = byte
            header.pointee.count += 1
        }
    }

    mutating func append(_ other: PageBytes) {
        other.withUnsafeBytes { append($0) }
    }

    private static func make(capacity: Int, from old: ManagedBuffer<Header, UInt8>?) -> ManagedBuffer<Header, UInt8> {
        let count = old?.withUnsafeMutablePointerToHeader { $0.pointee.count } ?? 0
        let made = ManagedBuffer<Header, UInt8>.create(minimumCapacity: capacity) { _ in Header(count: count, capacity: capacity) }
        if let old, count > 0 {
            old.withUnsafeMutablePointerToElements { from in
                made.withUnsafeMutablePointerToElements { to in to.initialize(from: from, count: count) }
            }
        }
        return made
    }
}

/// Where the JSON and CSV writers put their bytes: a page buffer, or an array.
protocol ByteSink {
    mutating func put(_ byte: UInt8)
    mutating func put(_ bytes: UnsafeRawBufferPointer)
}

extension ByteSink {
    /// `n` in decimal, its digits made on the stack, last first.
    mutating func putDecimal(_ n: Int64) {
        if n < 0 { put(0x2D) }
        var magnitude = n.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // room for the twenty digits of 2^64
        withUnsafeMutableBytes(of: &digits) { d in
            var i = d.count
            repeat {
                i -= 1
                d[i] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            put(UnsafeRawBufferPointer(rebasing: d[i...]))
        }
    }
}

extension PageBytes: ByteSink {
    @inline(__always) mutating func put(_ byte: UInt8) { append(byte) }
    @inline(__always) mutating func put(_ bytes: UnsafeRawBufferPointer) { append(bytes) }
}

extension Array: ByteSink where Element == UInt8 {
    @inline(__always) mutating func put(_ byte: UInt8) { append(byte) }
    @inline(__always) mutating func put(_ bytes: UnsafeRawBufferPointer) { append(contentsOf: bytes) }
}
