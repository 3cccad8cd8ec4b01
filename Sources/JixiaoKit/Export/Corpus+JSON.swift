/// The export contract (`jixiao export --format json`): names and shapes later tools rely on.
extension Corpus {
    /// The same JSON as `json().serialized()`, written piece by piece so memory holds one
    /// record at a time, not the whole corpus.
    public func writeJSON(_ emit: (String) -> Void) {
        func array(_ name: String, _ items: [JSONValue], last: Bool) {
            if items.isEmpty {
                emit("  \(JSONValue.quote(name)): []" + (last ? "\n" : ",\n"))
                return
            }
            emit("  \(JSONValue.quote(name)): [\n")
            for (i, item) in items.enumerated() {
                emit("    " + item.serialized(indent: 2) + (i == items.count - 1 ? "\n" : ",\n"))
            }
            emit("  ]" + (last ? "\n" : ",\n"))
        }
        emit("{\n")
        array("documents", documents.map(\.json), last: false)
        // Projects one by one: the tree of one project at a time.
        if projects.isEmpty {
            emit("  \"projects\": [],\n")
        } else {
            emit("  \"projects\": [\n")
            for (i, p) in projects.enumerated() {
                emit("    " + p.json.serialized(indent: 2) + (i == projects.count - 1 ? "\n" : ",\n"))
            }
            emit("  ],\n")
        }
        array("departments", departments.map(\.json), last: true)
        emit("}\n")
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
