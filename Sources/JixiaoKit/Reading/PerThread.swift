#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One instance of a class per thread, made on first use and released when the thread ends.
/// The readers' memos are filled by both cores at once: a table per thread needs no lock,
/// where one shared table behind a lock had the two threads queueing for it (at 10,000
/// forms, 20,000 futex calls from the label memo alone) and its cache line moving between
/// the cores on every look-up. Meant for process-wide memos (a `static let`): each instance
/// takes one of the process's pthread keys and keeps it.
final class PerThread<Value: AnyObject>: @unchecked Sendable {
    private let key: pthread_key_t
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) {
        var key = pthread_key_t()
        let made = pthread_key_create(&key) { value in
            guard let value else { return }
            Unmanaged<AnyObject>.fromOpaque(value).release()
        }
        precondition(made == 0, "pthread_key_create failed: \(made)")
        self.key = key
        self.make = make
    }

    /// This thread's instance.
    var value: Value {
        if let stored = pthread_getspecific(key) {
            return Unmanaged<Value>.fromOpaque(stored).takeUnretainedValue()
        }
        let value = make()
        pthread_setspecific(key, Unmanaged.passRetained(value).toOpaque())
        return value
    }
}

/// What `compute` gives for a text, remembered in a table per thread (see `PerThread`):
/// cell texts and values repeat across forms. A table is emptied when it holds `capacity`
/// texts: the memo is for the texts that repeat, and a corpus of distinct ones must not
/// grow it without end.
final class TextMemo<Value>: @unchecked Sendable {
    private let tables: PerThread<Table>
    private let compute: @Sendable (String) -> Value

    init(capacity: Int, _ compute: @escaping @Sendable (String) -> Value) {
        tables = PerThread { Table(capacity: capacity) }
        self.compute = compute
    }

    func value(of text: String) -> Value {
        let table = tables.value
        var text = text
        let hash = text.withUTF8 { Digest.value(UnsafeRawBufferPointer($0)) } | 1   // 0 marks an empty slot
        switch table.find(text, hash) {
        case .found(let value): return value
        case .free(let slot):
            let value = compute(text)
            table.insert(text, hash, value, at: slot)
            return value
        case .crowded:
            return compute(text)
        }
    }

    /// A thread's table: open addressing over a power of two of slots, a text's slot found
    /// by a 64-bit hash of its bytes (`Fingerprint`) and the bytes compared. The Dictionary
    /// it replaces hashed every look-up with SipHash, some 500 instructions a look-up of a
    /// cell's labels. A look-up probes at most `probes` slots: a text whose run is longer is
    /// computed and not kept, so no choice of texts (they come from submissions) makes a
    /// look-up cost more. The state sits behind a pointer: a class's stored properties are
    /// checked for exclusive access at run time on every use.
    private final class Table {
        private struct State {
            var hashes: UnsafeMutablePointer<UInt64>
            var keys: UnsafeMutablePointer<String>
            var values: UnsafeMutablePointer<Value>
            var mask: Int
            var count: Int
        }

        enum Found { case found(Value), free(Int), crowded }

        private static var probes: Int { 8 }
        private let state: UnsafeMutablePointer<State>
        /// Texts kept at most: the table is emptied when it is reached (a corpus of distinct
        /// texts must not grow it without end).
        private let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            state = .allocate(capacity: 1)
            state.initialize(to: Self.empty(slots: 1024))
        }

        deinit {
            Self.release(state.pointee)
            state.deinitialize(count: 1)
            state.deallocate()
        }

        private static func empty(slots: Int) -> State {
            let hashes = UnsafeMutablePointer<UInt64>.allocate(capacity: slots)
            hashes.initialize(repeating: 0, count: slots)
            return State(hashes: hashes, keys: .allocate(capacity: slots), values: .allocate(capacity: slots), mask: slots - 1, count: 0)
        }

        private static func release(_ s: State) {
            for i in 0...s.mask where s.hashes[i] != 0 {
                (s.keys + i).deinitialize(count: 1)
                (s.values + i).deinitialize(count: 1)
            }
            s.hashes.deallocate()
            s.keys.deallocate()
            s.values.deallocate()
        }

        func find(_ text: String, _ hash: UInt64) -> Found {
            let s = state.pointee
            // The slot from bits above the lowest (which is always set; see `value(of:)`).
            var i = Int(truncatingIfNeeded: hash &>> 17) & s.mask
            for _ in 0..<Self.probes {
                let h = s.hashes[i]
                if h == 0 { return .free(i) }
                if h == hash, TextKey.same(s.keys[i], text) { return .found(s.values[i]) }
                i = (i + 1) & s.mask
            }
            return .crowded
        }

        func insert(_ text: String, _ hash: UInt64, _ value: Value, at slot: Int) {
            if state.pointee.count >= capacity {
                // Full: start again, empty and small.
                Self.release(state.pointee)
                state.pointee = Self.empty(slots: 1024)
            } else if 2 * (state.pointee.count + 1) > state.pointee.mask + 1 {
                grow()
            } else {
                put(text, hash, value, at: slot)
                return
            }
            if case .free(let free) = find(text, hash) { put(text, hash, value, at: free) }
        }

        private func put(_ text: String, _ hash: UInt64, _ value: Value, at slot: Int) {
            state.pointee.hashes[slot] = hash
            (state.pointee.keys + slot).initialize(to: text)
            (state.pointee.values + slot).initialize(to: value)
            state.pointee.count += 1
        }

        /// Twice the slots, the texts moved over (one whose run is now too long is dropped).
        private func grow() {
            let old = state.pointee
            state.pointee = Self.empty(slots: 2 * (old.mask + 1))
            for i in 0...old.mask where old.hashes[i] != 0 {
                let hash = old.hashes[i]
                let key = (old.keys + i).move(), value = (old.values + i).move()
                old.hashes[i] = 0
                if case .free(let free) = find(key, hash) { put(key, hash, value, at: free) }
            }
            Self.release(old)
        }
    }
}
