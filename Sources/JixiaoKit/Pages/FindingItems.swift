/// Every current finding's list item (`<li>` with its project's link, its message and where
/// it was found), as the issue lists one folder down show it, made once for a whole build.
///
/// A finding is listed on four such pages: its project's, its agency's, its category's and
/// its kind's (all under a folder, so their links all begin `../`). Made on each, its items
/// were a tenth of a full 10,000-form build's CPU: the message and path escaped, the project's
/// name looked up and escaped, four times over. A build that writes every page (a full one)
/// makes them all here first, on both cores; a rebuild, which writes a few pages, makes the
/// items of those as it goes (`PageBlocks.findings`), without this table.
///
/// An item is found by its finding's position in the ledger's current findings, which the
/// pages know, and is used only when it was made from that very finding (`Finding.identity`:
/// the table holds the ledger's findings, so no box it knows can be freed and its address
/// given to another finding while it lives). Any other finding is made as before.
final class FindingItems: @unchecked Sendable {
    /// The folder depth the items' links are made for.
    static let root = "../"

    /// Where one item's pieces are in its run's bytes (`PageBlocks.item`): the head, which
    /// its project's findings share (a link is a third of an item), the message, and the
    /// place, which a submission's findings share; then its line.
    private struct Item {
        var finding: ObjectIdentifier
        var head: Int32, headEnd: Int32
        var message: Int32, messageEnd: Int32
        var place: Int32, placeEnd: Int32
        var line: Int
    }

    /// A run of neighbouring findings' items, in memory of its own (nothing in it counts
    /// references, which both cores would update).
    private struct Run {
        var bytes: UnsafeMutableBufferPointer<UInt8>
        var items: UnsafeMutableBufferPointer<Item>
    }
    private struct Made: @unchecked Sendable { var run: Run }

    /// Findings per run.
    private static let runLength = 1024
    private nonisolated(unsafe) var runs: UnsafeMutableBufferPointer<Run>
    private nonisolated(unsafe) var count: Int
    /// Keeps every box the items were made from alive (see above).
    private nonisolated(unsafe) var findings: FindingList?

    init(_ ledger: Ledger) {
        let all = ledger.findings
        let length = Self.runLength
        let made = Array(stride(from: 0, to: all.count, by: length)).parallelMap { start -> Made in
            var md = MarkdownBuffer(capacity: length * 128)
            let items = UnsafeMutableBufferPointer<Item>.allocate(capacity: min(length, all.count - start))
            var link = PageBlocks.ProjectLink()
            var head: (id: String, start: Int32, end: Int32)?, place: (path: String, start: Int32, end: Int32)?
            // Offsets are 32-bit; a run past that (2 GiB of text) is made but not kept.
            func at() -> Int32 { Int32(truncatingIfNeeded: md.count) }
            for (n, f) in all.elements(at: start..<min(start + length, all.count)).enumerated() {
                if head?.id != f.projectID {
                    let from = at()
                    PageBlocks.Item.head(link.of(f.projectID, root: Self.root, ledger: ledger), into: &md)
                    head = (f.projectID, from, at())
                }
                if place?.path != f.path {
                    let from = at()
                    PageBlocks.Item.place(f.path, into: &md)
                    place = (f.path, from, at())
                }
                let message = at()
                md.html(f.message)
                items.initializeElement(at: n, to: Item(finding: f.identity, head: head!.start, headEnd: head!.end, message: message, messageEnd: at(),
                                                        place: place!.start, placeEnd: place!.end, line: f.line))
            }
            if md.count > Int32.max {
                items.deallocate()
                return Made(run: Run(bytes: .init(start: nil, count: 0), items: .init(start: nil, count: 0)))
            }
            // A copy of exactly the items' size: the buffer they were made in is given back.
            let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: md.count)
            md.withUnsafeBytes { _ = bytes.initialize(from: $0) }
            return Made(run: Run(bytes: bytes, items: items))
        }
        runs = .allocate(capacity: made.count)
        _ = runs.initialize(from: made.map(\.run))
        count = all.count
        self.findings = all
    }

    deinit { release() }

    /// Gives the items' memory back once the pages are made (at 100,000 forms some 70 MB,
    /// and the data files come next). Only while no page is being made.
    func release() {
        for run in runs {
            run.bytes.deallocate()
            run.items.deallocate()
        }
        runs.deallocate()
        runs = UnsafeMutableBufferPointer(start: nil, count: 0)
        count = 0
        findings = nil
    }

    /// Appends the item of `f`, found at `position` of the ledger's current findings, and
    /// returns true; or returns false when the table has no item made from `f` there.
    func append(_ f: borrowing Finding, at position: Int, into md: inout MarkdownBuffer) -> Bool {
        guard position >= 0, position < count else { return false }
        let run = runs[position / Self.runLength], n = position % Self.runLength
        guard n < run.items.count, run.items[n].finding == f.identity else { return false }
        let item = run.items[n]
        func piece(_ from: Int32, _ to: Int32) { md.raw(UnsafeBufferPointer(rebasing: run.bytes[Int(from)..<Int(to)])) }
        piece(item.head, item.headEnd)
        piece(item.message, item.messageEnd)
        piece(item.place, item.placeEnd)
        PageBlocks.Item.tail(item.line, into: &md)
        return true
    }
}
