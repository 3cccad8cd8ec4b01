/// The label → value fields at the head of both project forms: 项目名称, 项目编码, 主管部门,
/// 地方主管部门, 实施单位, 负责人及电话, 预算数.
enum ProjectFields {
    /// Reads the fields of a row into the project; false when the row holds no field label.
    static func read(_ row: Row, into project: inout Project, log: inout DiagnosticLog) -> Bool {
        let (pairs, loose) = FormText.pairs(row.cells, labels: [.field])
        guard !pairs.isEmpty else { return false }
        if !loose.isEmpty {
            log.warning(row.line, "text before the first label of the row not understood: \(loose.map(\.text).joined(separator: " "))")
        }
        for (label, labelCell, cells) in pairs {
            let value = FormText.value(cells)
            switch label {
            case .projectName: project.name = value
            case .projectCode: project.code = value
            case .agency: project.agency = value
            case .localAgency: project.localAgency = value
            case .unit: project.unit = value
            case .contact: project.contact = value
            case .budgetAmount: project.funds.budget = ValueReader.amount(value ?? "")
            default:
                log.warning(labelCell.line, "field \(labelCell.text) is not expected here: \(value ?? "")")
            }
        }
        return true
    }
}
