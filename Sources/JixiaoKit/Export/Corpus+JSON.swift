/// The export contract (`jixiao export --format json`): names and shapes later tools rely on.
extension Corpus {
    /// The same bytes as `json().serialized()`, handed to `emit` in pieces so memory holds a
    /// batch of records at a time, not the whole corpus; the batches are serialised on every core.
    public func writeJSON(_ emit: ([UInt8]) -> Void) {
        let documents = documents, projects = projects, departments = departments
        _ = Corpus.writeJSON(documents: documents.indices.map { i in .fresh { ExportPieces.jsonBody(documents[i].json) } },
                             projects: projects.indices.map { i in .fresh { ExportPieces.jsonBody(projects[i].json) } },
                             departments: departments.indices.map { i in .fresh { ExportPieces.jsonBody(departments[i].json) } }) {
            if case .bytes(let b) = $0 { emit(b) }
        }
    }

    /// The export's layout around its records, each made fresh or kept from an earlier file;
    /// returns where each record's body went, per array.
    static func writeJSON(documents: [ExportPieces.Item], projects: [ExportPieces.Item], departments: [ExportPieces.Item],
                          emit: (ExportPieces.Chunk) -> Void) -> [[BuildState.Piece]] {
        withoutActuallyEscaping(emit) { emit in layout(documents: documents, projects: projects, departments: departments, emit: emit) }
    }

    private static func layout(documents: [ExportPieces.Item], projects: [ExportPieces.Item], departments: [ExportPieces.Item],
                               emit: @escaping (ExportPieces.Chunk) -> Void) -> [[BuildState.Piece]] {
        var stream = ExportPieces.Stream(emit: emit)
        stream.bytes([0x7B, 0x0A])
        var pieces: [[BuildState.Piece]] = []
        let arrays = [("documents", documents), ("projects", projects), ("departments", departments)]
        for (n, (name, items)) in arrays.enumerated() {
            let last = n == arrays.count - 1
            var head: [UInt8] = Array("  ".utf8)
            JSONValue.quote(name, into: &head)
            if items.isEmpty {
                stream.bytes(head + Array((last ? ": []\n" : ": [],\n").utf8))
                pieces.append([])
                continue
            }
            stream.bytes(head + Array(": [\n".utf8))
            pieces.append(stream.items(items, separator: [0x2C, 0x0A]))
            stream.bytes(Array((last ? "\n  ]\n" : "\n  ],\n").utf8))
        }
        stream.bytes([0x7D, 0x0A])
        return pieces
    }

    public func json() -> JSONValue {
        .object([
            ("documents", .array(documents.map(\.json))),
            ("projects", .array(projects.map(\.json))),
            ("departments", .array(departments.map(\.json))),
        ])
    }
}

extension Document {
    var json: JSONValue {
        .object([
            ("path", .string(path)),
            ("encoding", .string(encoding?.rawValue)),
            ("layout", .string(layout.rawValue)),
            ("forms", .number(Double(forms))),
            ("diagnostics", .array(diagnostics.map {
                .object([("line", .number(Double($0.line))), ("severity", .string($0.severity.rawValue)),
                         ("message", .string($0.message))])
            })),
            ("preamble", .array(preamble.map(JSONValue.string))),
            ("sidecar", sidecar.map { s in
                .object([("agency", .string(s.agency)), ("region", .string(s.region)), ("year", .int(s.year)),
                         ("submitted", .string(s.submitted)), ("supersedes", .string(s.supersedes))])
            } ?? .null),
        ])
    }
}

extension Amount {
    var json: JSONValue { .number(value) }
    /// The printed text, null for a blank cell.
    var printedJSON: JSONValue { printed.isEmpty ? .null : .string(printed) }
}

extension Project {
    var json: JSONValue {
        .object([
            ("id", .string(id)),
            ("kind", .string(kind.rawValue)),
            ("source", .object([("path", .string(source.path)), ("line", .number(Double(source.line)))])),
            ("title", .string(title)),
            ("year", .int(year)),
            ("name", .string(name)),
            ("code", .string(code)),
            ("agency", .string(agency)),
            ("localAgency", .string(localAgency)),
            ("unit", .string(unit)),
            ("contact", .string(contact)),
            ("agencyResolved", .string(agencyResolved)),
            ("purpose", .string(purpose)),
            ("funds", funds.json),
            ("plan", plan.map(\.json) ?? .null),
            ("goals", .array(goals.map(\.json))),
            ("indicators", .array(indicators.map(\.json))),
            ("totalScore", totalScore.json),
            ("totalScoreWeight", totalWeight.json),
            ("totalScorePrinted", totalScore.printedJSON),
            ("notes", .string(notes)),
            ("notesPrinted", .string(notesPrinted)),
            ("footnotes", .array(footnotes.map(JSONValue.string))),
        ])
    }
}

extension Funds {
    var json: JSONValue {
        .object([
            ("initialBudget", initialBudget.json),
            ("budget", budget.json),
            ("executed", executed.json),
            ("statedRate", statedRate.json),
            ("rate", .number(rate)),
            ("weight", weight.json),
            ("score", score.json),
            ("printed", .object([
                ("initialBudget", initialBudget.printedJSON), ("budget", budget.printedJSON),
                ("executed", executed.printedJSON), ("statedRate", statedRate.printedJSON),
                ("weight", weight.printedJSON), ("score", score.printedJSON),
            ])),
            ("line", line == 0 ? .null : .number(Double(line))),
            ("sources", .array(sources.map { s in
                .object([
                    ("name", .string(s.name)),
                    ("initialBudget", s.initialBudget.json),
                    ("budget", s.budget.json),
                    ("executed", s.executed.json),
                    ("line", .number(Double(s.line))),
                ])
            })),
        ])
    }
}

extension SpendingPlan {
    var json: JSONValue {
        .object([("q1", q1.json), ("q2", q2.json), ("q3", q3.json), ("q4", q4.json),
                 ("line", .number(Double(line)))])
    }
}

extension Goal {
    var json: JSONValue {
        .object([("label", .string(label)), ("planned", .string(planned)), ("actual", .string(actual)),
                 ("line", .number(Double(line)))])
    }
}

extension Measure {
    var json: JSONValue {
        switch self {
        case let .quantity(op, value, unit):
            return .object([("type", .string("quantity")), ("operator", .string(op?.rawValue)),
                            ("value", .number(value)), ("unit", .string(unit.isEmpty ? nil : unit))])
        case let .date(year, month, day, before):
            return .object([("type", .string("date")), ("year", .int(year)), ("month", .int(month)),
                            ("day", .int(day)), ("before", .bool(before))])
        case let .status(done):
            return .object([("type", .string("status")), ("done", .bool(done))])
        }
    }
}

extension Indicator {
    var json: JSONValue {
        .object([
            ("level1", .string(level1)),
            ("level2", .string(level2)),
            ("name", .string(name)),
            ("target", .string(target)),
            ("actual", .string(actual)),
            ("weight", weight.json),
            ("score", score.json),
            ("deviation", .string(deviation)),
            ("description", .string(description)),
            ("basis", .string(basis)),
            ("targetValue", targetMeasure?.json ?? .null),
            ("actualValue", actualMeasure?.json ?? .null),
            ("extra", .object(extra.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("line", .number(Double(line))),
        ])
    }
}

extension Department {
    var json: JSONValue {
        .object([
            ("source", .object([("path", .string(source.path)), ("line", .number(Double(source.line)))])),
            ("year", .int(year)),
            ("agency", .string(agency)),
            ("overallGoal", .string(overallGoal)),
            ("goals", .array(goals.map { g in
                .object([("title", .string(g.title)), ("goal", .string(g.goal)),
                         ("indicators", .array(g.indicators.map(JSONValue.string))),
                         ("indicatorsPrinted", .string(g.indicatorsPrinted)),
                         ("line", .number(Double(g.line)))])
            })),
            ("measures", .array(measures.map(JSONValue.string))),
        ])
    }
}
