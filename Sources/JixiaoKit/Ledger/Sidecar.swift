import Foundation
import Yams

/// What a submission's `<name>.yml` says that the document does not.
public struct Sidecar: Sendable, Equatable, Codable {
    /// The agency (主管部门) the submission's forms belong to.
    public var agency: String?
    /// The region (e.g. 衡阳市).
    public var region: String?
    /// The budget year the forms are about.
    public var year: Int?
    /// The day the submission was received, `YYYY-MM-DD`.
    public var submitted: String?
    /// The path (relative to the submissions folder) of an earlier submission this one replaces.
    public var supersedes: String?

    public init(agency: String? = nil, region: String? = nil, year: Int? = nil,
                submitted: String? = nil, supersedes: String? = nil) {
        self.agency = agency
        self.region = region
        self.year = year
        self.submitted = submitted
        self.supersedes = supersedes
    }

    static let keys: Set<String> = ["agency", "region", "year", "submitted", "supersedes"]

    /// Reads a sidecar; problems become diagnostics against the sidecar's own path.
    public static func load(yaml: String, log: inout DiagnosticLog) -> Sidecar? {
        let node: Any?
        do {
            // UTF-8 named: Yams's default encoding reads the process environment on every call
            // (a fifth of reading a sidecar).
            node = try Yams.load(yaml: yaml, .default, .default, .utf8)
        } catch let error as YamlError {
            log.error(line(of: error), "sidecar is not valid YAML: \(error)")
            return nil
        } catch {
            log.error(1, "sidecar is not valid YAML: \(error)")
            return nil
        }
        guard let map = node as? [String: Any] else {
            if node != nil { log.error(1, "sidecar must be a mapping of agency, region, year, submitted, supersedes") }
            return node == nil ? Sidecar() : nil
        }
        var sidecar = Sidecar()
        for (key, value) in map.sorted(by: { $0.key < $1.key }) {
            let text = value as? String ?? (value as? Int).map(String.init)
            switch key {
            case "agency": sidecar.agency = text.map(Text.clean)
            case "region": sidecar.region = text.map(Text.clean)
            case "year":
                if let y = value as? Int ?? text.flatMap(Int.init), (1900...2200).contains(y) {
                    sidecar.year = y
                } else {
                    log.error(1, "sidecar year \"\(value)\" is not a year")
                }
            case "submitted":
                let dateText = text ?? (value as? Date).map { isoDay($0) }
                if let d = dateText, isDay(d) {
                    sidecar.submitted = d
                } else {
                    log.error(1, "sidecar submitted \"\(value)\" is not a date (YYYY-MM-DD)")
                }
            case "supersedes": sidecar.supersedes = text
            default:
                log.warning(1, "sidecar key \"\(key)\" is not one of \(keys.sorted().joined(separator: ", ")); ignored")
            }
        }
        return sidecar
    }

    /// `YYYY-MM-DD` in ASCII digits (checked on the bytes: a regular expression here cost
    /// more than the rest of reading a sidecar).
    static func isDay(_ s: String) -> Bool {
        s.utf8.count == 10 && s.utf8.enumerated().allSatisfy { i, b in i == 4 || i == 7 ? b == 0x2D : (0x30...0x39).contains(b) }
    }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private static func isoDay(_ date: Date) -> String {
        let c = utcCalendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    private static func line(of error: YamlError) -> Int {
        if case .scanner(_, _, let mark, _) = error { return mark.line }
        if case .parser(_, _, let mark, _) = error { return mark.line }
        return 1
    }
}
