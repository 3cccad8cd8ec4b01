#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A synthetic national corpus for benchmarks: N forms spread over hundreds of agencies,
/// written in every layout and encoding the reader knows, with the samples' oddities at
/// realistic rates. The same seed always gives the same files.
public struct CorpusGenerator {
    public struct Options: Sendable {
        public var forms: Int
        public var seed: UInt64
        public init(forms: Int, seed: UInt64 = 1) {
            self.forms = forms
            self.seed = seed
        }
    }

    /// What was written.
    public struct Summary: Sendable {
        public var files = 0
        public var forms = 0
        public var bytes = 0
        public var agencies = 0
        /// Categories written to categories.yml (one project name in twenty matches none).
        public var categories = 0
    }

    let options: Options

    public init(options: Options) { self.options = options }

    // MARK: - Vocabulary

    static let regions = ["衡阳市", "攀枝花市", "昌吉州", "唐山市", "赣州市", "遵义市", "曲靖市", "南充市", "岳阳市", "商丘市",
                          "邯郸市", "临沂市", "宜宾市", "绵阳市", "柳州市", "桂林市", "常德市", "九江市", "宝鸡市", "天水市"]
    static let departments = ["公安局", "民政局", "教育局", "卫生健康委员会", "住房和城乡建设局", "文化和旅游局", "生态环境局",
                              "交通运输局", "农业农村局", "司法局", "应急管理局", "城市管理局", "水利局", "人力资源和社会保障局"]
    static let units = ["办公室", "第一支队", "第二支队", "综合科", "业务科", "服务中心", "执法大队", "信息中心", "保障科", "管理所"]
    static let subjects = ["禁毒宣传", "社区警务", "视频监控运维", "环卫保洁", "基层组织运转", "图书馆免费开放", "疫情防控",
                           "道路维修", "校舍维护", "困难群众救助", "执法办案", "信息系统建设", "派出所建设", "队伍培训",
                           "综治维稳", "文化活动", "农村饮水安全", "养老服务", "河道治理", "安全生产检查"]
    /// Where a project's work is done: with `subjects`, the 300 project subjects of the corpus.
    static let places = ["城区", "农村", "乡镇", "社区", "重点区域", "县域", "流域", "园区", "校园", "景区", "口岸", "边境",
                         "林区", "矿区", "库区"]
    static let suffixes = ["专项经费", "工作经费", "运行经费", "项目", "补助资金", "建设资金"]
    static let level2: [(String, String, [String])] = [
        ("产出指标", "数量指标", ["完成检查次数", "服务人次", "覆盖社区数", "培训人数"]),
        ("产出指标", "质量指标", ["验收合格率", "设备完好率", "办结率"]),
        ("产出指标", "时效指标", ["完成时间", "按期完成率"]),
        ("产出指标", "成本指标", ["成本控制"]),
        ("效益指标", "社会效益指标", ["群众安全感", "服务覆盖率", "案件下降率"]),
        ("效益指标", "经济效益指标", ["挽回经济损失", "节约成本"]),
        ("效益指标", "可持续影响指标", ["长效机制", "设施使用年限"]),
        ("满意度指标", "服务对象满意度指标", ["群众满意度", "服务对象满意度"]),
    ]

    // MARK: - Writing

    /// Writes `Content/`-shaped files under `folder/submissions`, plus site.yml and categories.yml.
    public func write(to folder: String) throws -> Summary {
        var rng = SeededRandom(seed: options.seed)
        let fm = FileManager.default
        let submissions = (folder as NSString).appendingPathComponent("submissions")
        try fm.createDirectory(atPath: submissions, withIntermediateDirectories: true)
        try "title: 合成测试语料\nbaseURL: \"\"\n".write(toFile: folder + "/site.yml", atomically: true, encoding: .utf8)
        try Self.categoriesYAML.write(toFile: folder + "/categories.yml", atomically: true, encoding: .utf8)

        var summary = Summary()
        summary.categories = Self.categorised.count
        let agencyCount = max(1, options.forms / 40)
        var agencies: [String] = []
        for n in 0..<agencyCount {
            agencies.append(Self.regions[n % Self.regions.count] + (n >= Self.regions.count * Self.departments.count ? "第\(n)" : "")
                            + Self.departments[(n / Self.regions.count) % Self.departments.count])
        }
        summary.agencies = Set(agencies).count
        var written = 0
        var fileNumber = 0
        while written < options.forms {
            let agency = agencies[fileNumber % agencies.count]
            let count = min(rng.int(5...20), options.forms - written)
            let target = rng.chance(0.2)
            var text = ""
            for f in 0..<count {
                let form = target ? targetTable(&rng, number: f + 1) : selfEvaluation(&rng, agency: agency)
                text += form
                written += 1
            }
            let layoutTabRows = !target && rng.chance(0.3)
            if layoutTabRows { text = Self.toTabRows(text, &rng) }
            var bytes = Array(text.utf8)
            let encoding = rng.int(0...19)
            if rng.chance(0.1) { bytes = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8) }
            switch encoding {
            case 0...1: bytes = TextDecoder.encode(String(decoding: bytes, as: UTF8.self), to: "GB18030") ?? bytes
            case 2: bytes = [0xFF, 0xFE] + String(decoding: bytes, as: UTF8.self).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            case 3: bytes = [0xEF, 0xBB, 0xBF] + bytes
            default: break
            }
            let name = String(format: "%06d_%@", fileNumber, Digest.fnv32("\(options.seed)-\(fileNumber)"))
            try Data(bytes).write(to: URL(fileURLWithPath: submissions + "/\(name).txt"))
            var sidecar = "year: 2021\n"
            if target || rng.chance(0.3) { sidecar += "agency: \(agency)\n" }
            if rng.chance(0.5) { sidecar += String(format: "submitted: 2022-%02d-%02d\n", rng.int(1...12), rng.int(1...28)) }
            try sidecar.write(toFile: submissions + "/\(name).yml", atomically: true, encoding: .utf8)
            summary.files += 1
            summary.bytes += bytes.count
            fileNumber += 1
        }
        summary.forms = written
        return summary
    }

    /// The project subjects a category rule names: every place and subject but one subject in
    /// twenty, whose projects are 未分类 (no rule matches them).
    static let categorised: [String] = places.flatMap { place in
        subjects.enumerated().filter { $0.offset % 20 != 19 }.map { place + $0.element }
    }

    /// categories.yml: one category per subject in `categorised`, matched by keyword in the
    /// project's name; the same whatever folder the generator runs in.
    static var categoriesYAML: String {
        var out = "# Synthetic categories: one per project subject (jixiao generate).\ncategories:\n"
        for (n, subject) in categorised.enumerated() {
            out += "  - name: \(subject)\n    slug: c-\(String(format: "%03d", n + 1))\n"
            out += "    description: \(subject)方面的项目。\n    keywords: [\(subject)]\n"
        }
        return out
    }

    // MARK: - Forms (cell-lines layout; tab-rows is derived from it)

    private func cell(_ text: String) -> String { "\t" + text + "\n" }
    private func row(_ cells: [String]) -> String { cells.map(cell).joined() + "\n" }

    private func projectName(_ rng: inout SeededRandom) -> String {
        rng.pick(Self.places) + rng.pick(Self.subjects) + rng.pick(Self.suffixes)
    }

    func selfEvaluation(_ rng: inout SeededRandom, agency: String) -> String {
        let scored = rng.chance(0.6)
        let budget = Double(rng.int(5...5000)) / 10
        let initial = rng.chance(0.15) ? budget * 0.9 : budget
        let executed = rng.chance(0.7) ? budget : (budget * Double(rng.int(50...100)) / 100 * 100).rounded() / 100
        let rate = budget > 0 ? executed / budget : 1
        var statedRate = String(format: "%.1f%%", rate * 100)
        if rng.chance(0.02) { statedRate = String(format: "%.1f%%", rate * 100 - 1.5) }            // rate mismatch
        var out = "项目支出绩效自评表\n" + row(["（2021年度）"])
        out += row(["项目名称", projectName(&rng), "负责人及电话", ""])
        let agencyCell = rng.chance(0.03) ? "" : agency
        let localAgency = rng.chance(0.02) ? String(format: "%.2f", budget) : ""                   // number in a name field
        // The agency itself, or one of its units (hundreds of units in all).
        out += row(["主管部门", agencyCell, "实施单位", rng.chance(0.25) ? agency : agency + rng.pick(Self.units)])
        out += row(["地方主管部门", localAgency])
        out += row(["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
        let score = scored ? String(format: "%.2f", 10 * min(rate, 1)) : ""
        out += row(["", "年度资金总额", f(initial), f(budget), f(executed), scored ? "10" : "", statedRate, score])
        out += row(["", "其中：当年财政拨款", f(initial), f(budget), f(executed), "—", statedRate, "—"])
        out += row(["", "上年结转资金", "", "", "", "—", "", "—"])
        out += row(["年度总体目标", "预期目标", "实际完成情况"])
        out += row(["", "完成年度各项工作任务，保障项目正常运行", "已完成年度各项工作任务"])
        let header = scored ? ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
            : ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "全年完成值", "未完成原因和改进措施"]
        out += row(header)
        let count = rng.int(8...20)
        var lastLevel1 = "", lastLevel2 = ""
        var total = scored ? 10 * min(rate, 1) : 0
        let weights = Self.split(90, into: count, &rng)
        for i in 0..<count {
            let (l1, l2Raw, names) = Self.level2[min(i * Self.level2.count / count, Self.level2.count - 1)]
            let l2 = rng.chance(0.05) && l2Raw == "质量指标" ? "质量指针" : l2Raw
            var target: String, actual: String
            switch l2Raw {
            case "时效指标": target = "截止12月31日前"; actual = rng.chance(0.9) ? "按时完成" : "2022年1月15日"
            case "成本指标":
                let cost = rng.chance(0.03) ? budget * 1.2 : budget
                target = "专项投入控制\(f(cost))万"; actual = "已完成"
            case "数量指标": let n = rng.int(5...500); target = "≥\(n)次"; actual = "\(rng.chance(0.9) ? n + rng.int(0...20) : n / 2)次"
            default: let p = rng.int(80...99); target = rng.chance(0.2) ? "效果明显" : "≥\(p)%"; actual = "\(min(100, p + rng.int(-3...5)))%"
            }
            if rng.chance(0.05) { actual = "" }
            if rng.chance(0.03) { target = "≥**个" }
            let w = weights[i]
            let s = rng.chance(0.85) ? w : max(0, w - Double(rng.int(1...3)))
            total += scored ? s : 0
            var cells = ["", l1 == lastLevel1 ? "" : l1, l2 == lastLevel2 ? "" : l2, rng.pick(names), target, actual]
            if scored { cells += [f(w), f(s), s < w && rng.chance(0.5) ? "受客观因素影响，部分工作延后" : ""] } else { cells.append("") }
            out += row(cells)
            lastLevel1 = l1
            lastLevel2 = l2
        }
        if scored {
            let printed = rng.chance(0.01) ? "\(f(total)) 9999\(f(total))" : f(rng.chance(0.02) ? total + 2 : total)
            out += row(["总分", "100", printed, ""])
        }
        out += row(["说明", rng.chance(0.9) ? "请在此处简要说明各级监督检查中发现的问题及其所涉及的金额，如没有请填无" : "审计发现部分票据不规范，已整改"])
        return out + "\n"
    }

    func targetTable(_ rng: inout SeededRandom, number: Int) -> String {
        let budget = Double(rng.int(10...3000)) / 10
        var out = "\(number). \(projectName(&rng))项目绩效目标表\n"
        out += row(["项目编码", String(format: "20402%02d", rng.int(0...99)), "项目名称", projectName(&rng)])
        out += row(["预算规模及资金用途", "预算数", f(budget), "其中：财政资金", f(budget), "其他资金", ""])
        out += row(["", "主要用于保障项目正常实施"])
        out += row(["资金支出计划（%）", "3月底", "6月底", "10月底", "12月底"])
        out += row(["", "\(rng.int(0...30))", "\(rng.int(30...60))", rng.chance(0.1) ? "" : "\(rng.int(60...90))", "100"])
        out += row(["绩效目标", "目标1", "保障项目按期完成"])
        out += row(["", "目标2", "提升服务水平"])
        if rng.chance(0.5) { out += row(["", "......", ""]) }
        out += row(["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"])
        let count = rng.int(8...20)
        var lastLevel1 = "", lastLevel2 = ""
        for i in 0..<count {
            let (l1, l2, names) = Self.level2[min(i * Self.level2.count / count, Self.level2.count - 1)]
            let value = rng.chance(0.4) ? "是" : "≥\(rng.int(80...99))%"
            out += row([l1 == lastLevel1 ? "" : l1, l2 == lastLevel2 ? "" : l2, rng.pick(names), "指标说明", value, "工作计划"])
            lastLevel1 = l1
            lastLevel2 = l2
        }
        return out + "\n"
    }

    private func f(_ d: Double) -> String {
        d == d.rounded() ? String(Int(d)) : String(format: "%.2f", d)
    }

    /// `total` split into `n` whole-number weights.
    static func split(_ total: Int, into n: Int, _ rng: inout SeededRandom) -> [Double] {
        var weights = [Int](repeating: total / n, count: n)
        for i in 0..<(total - weights.reduce(0, +)) { weights[i % n] += 1 }
        if rng.chance(0.02) { weights[0] -= 5 }                                             // weights not summing to 100
        return weights.map(Double.init)
    }

    /// cell-lines → tab-rows: each row on one line; sometimes a merged cell adds or drops an empty field.
    static func toTabRows(_ text: String, _ rng: inout SeededRandom) -> String {
        var out = ""
        var cells: [String] = []
        func flush() {
            guard !cells.isEmpty else { return }
            if cells.count > 3, rng.chance(0.1) { cells.insert("", at: 1) }
            out += cells.joined(separator: "\t") + "\n"
            cells = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("\t") { cells.append(String(line.dropFirst())) }
            else if line.isEmpty { flush() }
            else { flush(); out += line + "\n" }
        }
        flush()
        return out
    }
}
