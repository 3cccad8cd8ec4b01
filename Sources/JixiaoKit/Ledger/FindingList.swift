/// The current projects' findings, project after project, as one collection read in place
/// from each project's own list: at 10,000 forms a copy into one array was 92,000 findings
/// (four retains each) on every build, a twentieth of a rebuild's arranging.
public struct FindingList: RandomAccessCollection, Equatable, Sendable {
    /// Each current project's findings, in project order (shared with the ledger, not copied).
    private let lists: [[Finding]]
    /// Where each list starts in the whole, and, last, the count.
    private let starts: [Int]

    init(_ lists: [[Finding]]) {
        var starts: [Int] = []
        starts.reserveCapacity(lists.count + 1)
        var n = 0
        for list in lists {
            starts.append(n)
            n += list.count
        }
        starts.append(n)
        self.lists = lists
        self.starts = starts
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { starts[starts.count - 1] }

    /// The finding at position `i` of the whole (the list holding it is found by bisection).
    public subscript(i: Int) -> Finding {
        precondition(i >= 0 && i < endIndex, "finding index out of range")
        var low = 0, high = lists.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= i { low = mid } else { high = mid - 1 }
        }
        return lists[low][i - starts[low]]
    }

    public struct Iterator: IteratorProtocol {
        private let lists: [[Finding]]
        private var list = 0, position = 0

        fileprivate init(_ lists: [[Finding]]) { self.lists = lists }

        public mutating func next() -> Finding? {
            while list < lists.count {
                if position < lists[list].count {
                    position += 1
                    return lists[list][position - 1]
                }
                list += 1
                position = 0
            }
            return nil
        }
    }

    public func makeIterator() -> Iterator { Iterator(lists) }

    /// Calls `body` with each finding in order, read in place (no copy of a finding).
    func forEachInPlace(_ body: (borrowing Finding) -> Void) {
        for list in lists {
            list.withUnsafeBufferPointer { findings in
                for i in findings.indices { body(findings[i]) }
            }
        }
    }

    public static func == (a: FindingList, b: FindingList) -> Bool { a.elementsEqual(b) }
}
