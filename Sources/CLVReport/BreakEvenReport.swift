import CLVCore

/// Output of `clvsim breakeven` (docs/strategies.md, "Break-even: how big must the effect be?"):
/// the JSON document (`--json`, and breakeven.json), the terminal table, and report.html with the
/// net value curve over the sizes evaluated.
public enum BreakEvenReport {
    /// The document: strategy, change, target, operation, `breakEvenMean` and
    /// `breakEvenProbability` (each `{"size", "lower", "upper", "standardError", "level"}` or
    /// `null`, with the reason in `…Reason` when null), the evaluations and the run's trials and
    /// seed. Key order is fixed.
    ///
    /// - Complexity: O(evaluations).
    public static func document(_ b: BreakEven, scenarioName: String, version: String) -> JSONText {
        .object([
            ("schemaVersion", .integer(1)),
            ("scenario", .string(scenarioName)),
            ("strategy", .string(b.strategy)),
            ("change", .integer(b.change)),
            ("target", .string(b.target)),
            ("operation", .string(b.operation.rawValue)),
            ("currentSize", .number(b.currentSize)),
            ("probability", .number(b.probability)),
            ("breakEvenMean", estimate(b.breakEvenMean)),
            ("breakEvenMeanReason", b.meanReason.map { .string($0) } ?? .null),
            ("breakEvenProbability", estimate(b.breakEvenProbability)),
            ("breakEvenProbabilityReason", b.probabilityReason.map { .string($0) } ?? .null),
            ("evaluations", .integer(b.evaluations.count)),
            ("curve", .array(b.evaluations.map { e in
                .object([("size", .number(e.size)), ("meanNetValue", .number(e.meanNetValue)),
                         ("standardError", .number(e.standardError)), ("shareNetPositive", .number(e.shareNetPositive))])
            })),
            ("trials", .integer(b.trials)),
            ("seed", SummaryJSON.seedValue(b.seed)),
            ("version", .string(version)),
        ])
    }

    static func estimate(_ e: BreakEven.Estimate?) -> JSONText {
        guard let e else { return .null }
        return .object([("size", .number(e.size)), ("lower", .number(e.lower)), ("upper", .number(e.upper)),
                        ("standardError", .number(e.standardError)), ("level", .number(e.level))])
    }

    /// How a size reads: "add 0.0123 to segments.s.retention.rate" or "multiply … by 1.05".
    ///
    /// - Complexity: O(1).
    static func describe(size: Double, _ b: BreakEven) -> String {
        switch b.operation {
        case .add: return "add \(NumberFormat.significant(size)) to \(b.target)"
        case .multiply: return "multiply \(b.target) by \(NumberFormat.significant(1 + size))"
        }
    }

    /// The result as text lines for the terminal.
    ///
    /// - Complexity: O(evaluations).
    public static func lines(_ b: BreakEven, currency: String?) -> [String] {
        var out = ["Break-even of strategy '\(b.strategy)', change \(b.change): \(b.operation.rawValue) on \(b.target) "
                   + "(now size \(NumberFormat.significant(b.currentSize))); \(NumberFormat.grouped(Double(b.trials))) trials, seed \(b.seed), \(b.evaluations.count) sizes evaluated"]
        out.append("Size = the \(b.operation == .add ? "amount added" : "factor − 1"); intervals are 95% Monte Carlo intervals of the break-even size.")
        out.append("")
        var table = TextTable(headers: ["break-even", "size", "95% interval", "std. error", "meaning"],
                              alignments: [.left, .right, .right, .right, .left])
        func row(_ name: String, _ e: BreakEven.Estimate?, _ reason: String?) {
            if let e {
                table.add([name, NumberFormat.significant(e.size),
                           "\(NumberFormat.significant(e.lower)) … \(NumberFormat.significant(e.upper))",
                           NumberFormat.significant(e.standardError, digits: 2), describe(size: e.size, b)])
            } else {
                table.add([name, "none", "", "", reason ?? ""])
            }
        }
        row("expected net value = 0", b.breakEvenMean, b.meanReason)
        if let p = b.probability {
            row("P(net > 0) = \(NumberFormat.percent(p))", b.breakEvenProbability, b.probabilityReason)
        }
        out += table.lines()
        out.append("")
        out.append("Net value\(currency.map { " (\($0))" } ?? "") at the sizes evaluated")
        var curve = TextTable(headers: ["size", "mean net value", "std. error", "P(net > 0)"], alignments: [.right, .right, .right, .right])
        for e in b.evaluations {
            curve.add([NumberFormat.significant(e.size), NumberFormat.money(e.meanNetValue),
                       NumberFormat.significant(e.standardError, digits: 2), NumberFormat.percent(e.shareNetPositive)])
        }
        out += curve.lines()
        return out
    }

    /// report.html: the break-even sizes and the net value curve (`chart-breakeven-curve`).
    ///
    /// - Complexity: O(evaluations).
    public static func html(_ b: BreakEven, scenarioName: String, currency: String?, version: String) -> String {
        let escape = SVGElement.escape
        var body = "<header>\n<h1>\(escape(scenarioName)) — break-even of \(escape(b.strategy))</h1>\n"
        body += "<p class=\"facts\">Change \(b.change): \(escape(b.operation.rawValue)) on <code>\(escape(b.target))</code>, now size \(escape(NumberFormat.significant(b.currentSize))) · \(NumberFormat.grouped(Double(b.trials))) trials · seed \(b.seed) · \(b.evaluations.count) sizes evaluated · clvsim \(escape(version))</p>\n</header>\n"
        body += "<section id=\"breakeven\">\n<h2>How big must the effect be?</h2>\n"
        var rows: [[String]] = []
        func row(_ name: String, _ e: BreakEven.Estimate?, _ reason: String?) {
            if let e {
                rows.append([name, describe(size: e.size, b), NumberFormat.significant(e.size),
                             "\(NumberFormat.significant(e.lower)) to \(NumberFormat.significant(e.upper))",
                             NumberFormat.significant(e.standardError, digits: 2)])
            } else {
                rows.append([name, "none: " + (reason ?? ""), "", "", ""])
            }
        }
        row("expected net value = 0", b.breakEvenMean, b.meanReason)
        if let p = b.probability { row("P(net > 0) = \(NumberFormat.percent(p))", b.breakEvenProbability, b.probabilityReason) }
        // The meaning (or why there is none) is text and may be long: it comes before the numbers.
        body += HTMLReport.table(headers: ["break-even", "meaning", "size", "95% interval", "std. error"], rows: rows, numericFrom: 2,
                                 id: "table-breakeven")
        let unit = currency.map { " (\($0))" } ?? ""
        body += "\n" + HTMLReport.figure(SVGBreakEvenCurve.chart(id: "chart-breakeven-curve", title: "Expected net value by size of the change",
                                                                 breakEven: b, xTitle: "size (\(b.operation == .add ? "amount added" : "factor − 1"))",
                                                                 yTitle: "mean net value\(unit)"),
                                         caption: "Mean net value at every size evaluated (the same trials for every size), with ±1.96 standard errors; the dashed line is zero, the red line the break-even size and, with a target probability, the dashed black line the size at which P(net > 0) reaches it.")
        body += "\n<p class=\"note\">The interval of the break-even size is the delta method's: the standard error of the mean net value at the break-even size over the slope of the curve there. The interval of the probability break-even divides the binomial standard error of a share by a smoothed slope of the share curve, and is approximate. See docs/strategies.md.</p>\n</section>"
        return HTMLReport.page(title: "\(scenarioName) — clvsim break-even", body: body)
    }
}
