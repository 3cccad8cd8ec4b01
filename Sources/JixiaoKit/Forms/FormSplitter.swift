import Foundation

/// Rows → forms: a form runs from its title row to the next title.
public struct FormSlice: Sendable {
    public var kind: FormTitle.Kind
    /// The title row first.
    public var rows: [Row]
    public var line: Int { rows.first?.line ?? 0 }
}

public enum FormSplitter {
    /// The forms in order, and the rows before the first title (the preamble).
    public static func split(_ rows: [Row]) -> (preamble: [Row], forms: [FormSlice]) {
        var preamble: [Row] = []
        var forms: [FormSlice] = []
        for row in rows {
            if let title = row.firstFilled, row.filledCount <= 2, let kind = FormTitle.kind(title.text) {
                forms.append(FormSlice(kind: kind, rows: [row]))
            } else if forms.isEmpty {
                preamble.append(row)
            } else {
                forms[forms.count - 1].rows.append(row)
            }
        }
        return (preamble, forms)
    }
}
