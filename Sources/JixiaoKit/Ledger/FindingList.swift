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
        let list = list(holding: i, from: 0)
        return lists[list][i - starts[list]]
    }

    /// The findings at `positions`, in their order. Ascending positions (an issue kind's, an
    /// agency's) are found walking forward from the last one's list, a few lists at most,
    /// before a bisection of the rest; at 100,000 forms one bisection per finding was 0.4 s.
    func elements(at positions: some Collection<Int>) -> [Finding] {
        var out: [Finding] = []
        out.reserveCapacity(positions.count)
        var list = 0
        for i in positions {
            precondition(i >= 0 && i < endIndex, "finding index out of range")
            if i < starts[list] {
                list = self.list(holding: i, from: 0)
            } else {
                var steps = 0
                while starts[list + 1] <= i, steps < 4 { list += 1; steps += 1 }
                if starts[list + 1] <= i { list = self.list(holding: i, from: list) }
            }
            out.append(lists[list][i - starts[list]])
        }
        return out
    }

    /// The list holding position `i`, at `low` or after it.
    private func list(holding i: Int, from low: Int) -> Int {
        var low = low, high = lists.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= i { low = mid } else { high = mid - 1 }
        }
        return low
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

    public static func == (a: FindingList, b: FindingList) -> Bool { a.elementsEqual(b) }
}
