/// A cell's content as printed, with the number it states when it states exactly one.
///
/// Amounts are in 万元 after reading; `printed` is always the submission's own text,
/// so nothing is lost when a value cannot be read as a number.
public struct Amount: Sendable, Equatable, Hashable, Codable {
    /// The text as it stands in the document (whitespace normalised), "" for a blank cell.
    public var printed: String
    /// The number, or nil when the cell is blank, "—", or not a single number.
    public var value: Double?

    public init(printed: String, value: Double?) {
        self.printed = printed
        self.value = value
    }

    public static let blank = Amount(printed: "", value: nil)

    /// True when the cell says nothing (blank or a dash meaning "not applicable").
    public var isBlank: Bool { printed.isEmpty || Text.isDash(printed) }
}
