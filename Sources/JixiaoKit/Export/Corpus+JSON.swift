/// The export contract (`jixiao export --format json`): names and shapes later tools rely on.
extension Corpus {
    /// The same bytes as `json().serialized()`, handed to `emit` in pieces so memory holds a
    /// batch of records at a time, not the whole corpus; the batches are serialised on every core.
    public func writeJSON(_ emit: ([UInt8]) -> Void) {
        let documents = documents, projects = projects, departments = departments
        _ = Corpus.writeJSON(documents: documents.indices.map { i in .fresh { ExportPieces.jsonBody(documents[i].writeJSON) } },
                             projects: projects.indices.map { i in .fresh { ExportPieces.jsonBody(projects[i].writeJSON) } },
                             departments: departments.indices.map { i in .fresh { ExportPieces.jsonBody(departments[i].writeJSON) } }) {
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
        JSONTree.make { j in
            j.object { j in
                j.key("documents"); j.array(documents) { j, d in d.writeJSON(&j) }
                j.key("projects"); j.array(projects) { j, p in p.writeJSON(&j) }
                j.key("departments"); j.array(departments) { j, d in d.writeJSON(&j) }
            }
        }
    }
}

extension ExportPieces {
    /// A record as the export lays it out: on a line of its own, compact.
    static func jsonBody(_ write: (inout CompactJSON) -> Void) -> [UInt8] {
        var out = CompactJSON(prefix: [0x20, 0x20, 0x20, 0x20], capacity: 4096)
        write(&out)
        return out.bytes
    }
}

extension Document {
    func writeJSON<J: JSONOutput>(_ j: inout J) {
        j.object { j in
            j.field("path", path)
            j.field("encoding", encoding?.rawValue)
            j.field("layout", layout.rawValue)
            j.field("forms", int: forms)
            j.key("diagnostics")
            j.array(diagnostics) { j, d in
                j.object { j in
                    j.field("line", int: d.line)
                    j.field("severity", d.severity.rawValue)
                    j.field("message", d.message)
                }
            }
            j.key("preamble")
            j.array(preamble) { j, line in j.string(line) }
            j.key("sidecar")
            j.value(sidecar) { j, s in
                j.object { j in
                    j.field("agency", s.agency)
                    j.field("region", s.region)
                    j.field("year", int: s.year)
                    j.field("submitted", s.submitted)
                    j.field("supersedes", s.supersedes)
                }
            }
        }
    }
}

extension Amount {
    /// The printed text, null for a blank cell.
    var printedOrNil: String? { printed.isEmpty ? nil : printed }
}

extension SourceLocation {
    fileprivate func writeJSON<J: JSONOutput>(_ j: inout J) {
        j.object { j in
            j.field("path", path)
            j.field("line", int: line)
        }
    }
}

extension Project {
    func writeJSON<J: JSONOutput>(_ j: inout J) {
        j.object { j in
            j.field("id", id)
            j.field("kind", kind.rawValue)
            j.key("source"); source.writeJSON(&j)
            j.field("title", title)
            j.field("year", int: year)
            j.field("name", name)
            j.field("code", code)
            j.field("agency", agency)
            j.field("localAgency", localAgency)
            j.field("unit", unit)
            j.field("contact", contact)
            j.field("agencyResolved", agencyResolved)
            j.field("purpose", purpose)
            j.key("funds"); funds.writeJSON(&j)
            j.key("plan"); j.value(plan) { j, p in p.writeJSON(&j) }
            j.key("goals"); j.array(goals) { j, g in g.writeJSON(&j) }
            j.key("indicators"); j.array(indicators) { j, i in i.writeJSON(&j) }
            j.field("totalScore", number: totalScore.value)
            j.field("totalScoreWeight", number: totalWeight.value)
            j.field("totalScorePrinted", totalScore.printedOrNil)
            j.field("notes", notes)
            j.field("notesPrinted", notesPrinted)
            j.key("footnotes"); j.array(footnotes) { j, f in j.string(f) }
        }
    }
}

extension Funds {
    func writeJSON<J: JSONOutput>(_ j: inout J) {
        j.object { j in
            j.field("initialBudget", number: initialBudget.value)
            j.field("budget", number: budget.value)
            j.field("executed", number: executed.value)
            j.field("statedRate", number: statedRate.value)
            j.field("rate", number: rate)
            j.field("weight", number: weight.value)
            j.field("score", number: score.value)
            j.key("printed")
            j.object { j in
                j.field("initialBudget", initialBudget.printedOrNil)
                j.field("budget", budget.printedOrNil)
                j.field("executed", executed.printedOrNil)
                j.field("statedRate", statedRate.printedOrNil)
                j.field("weight", weight.printedOrNil)
                j.field("score", score.printedOrNil)
            }
            j.field("line", int: line == 0 ? nil : line)
            j.key("sources")
            j.array(sources) { j, s in
                j.object { j in
                    j.field("name", s.name)
                    j.field("initialBudget", number: s.initialBudget.value)
                    j.field("budget", number: s.budget.value)
                    j.field("executed", number: s.executed.value)
                    j.field("line", int: s.line)
                }
            }
        }
    }
}

extension SpendingPlan {
    func writeJSON<J: JSONOutput>(_ j: inout J) {
        j.object { j in
            for (key, quarter) in [("q1", q1), ("q2", q2), ("q3", q3), ("q4", q4)] as [(StaticString, Amount)] {
                j.field(key, number: quarter.value)
            }
            j.field("line", int: line)
        }
    }
}

extension Goal {
    func writeJSON<J: JSONOutput>(_ j: inout J) {
        j.object { j in
            j.field("label", label)
            j.field("planned", planned)
            j.field("actual", actual)
            j.field("line", int: line)
        }
    }
}

extension Measure {
    func writeJSON<J: JSONOutput>(_ j: inout J) {
        j.object { j in
            switch self {
            case let .quantity(op, value, unit):
                j.field("type", "quantity")
                j.field("operator", op?.rawValue)
                j.field("value", number: value)
                j.field("unit", unit.isEmpty ? nil : unit)
            case let .date(year, month, day, before):
                j.field("type", "date")
                j.field("year", int: year)
                j.field("month", int: month)
                j.field("day", int: day)
                j.key("before"); j.bool(before)
            case let .status(done):
                j.field("type", "status")
                j.key("done"); j.bool(done)
            }
        }
    }
}

extension Indicator {
    func writeJSON<J: JSONOutput>(_ j: inout J) {
        j.object { j in
            j.field("level1", level1)
            j.field("level2", level2)
            j.field("name", name)
            j.field("target", target)
            j.field("actual", actual)
            j.field("weight", number: weight.value)
            j.field("score", number: score.value)
            j.field("deviation", deviation)
            j.field("description", description)
            j.field("basis", basis)
            j.key("targetValue"); j.value(targetMeasure) { j, m in m.writeJSON(&j) }
            j.key("actualValue"); j.value(actualMeasure) { j, m in m.writeJSON(&j) }
            j.key("extra")
            j.object { j in
                for (k, v) in extra.sorted(by: { $0.key < $1.key }) { j.key(k); j.string(v) }
            }
            j.field("line", int: line)
        }
    }
}

extension Department {
    func writeJSON<J: JSONOutput>(_ j: inout J) {
        j.object { j in
            j.key("source"); source.writeJSON(&j)
            j.field("year", int: year)
            j.field("agency", agency)
            j.field("overallGoal", overallGoal)
            j.key("goals")
            j.array(goals) { j, g in
                j.object { j in
                    j.field("title", g.title)
                    j.field("goal", g.goal)
                    j.key("indicators"); j.array(g.indicators) { j, i in j.string(i) }
                    j.field("indicatorsPrinted", g.indicatorsPrinted)
                    j.field("line", int: g.line)
                }
            }
            j.key("measures"); j.array(measures) { j, m in j.string(m) }
        }
    }
}
