import CLVCore

/// Output of `clvsim optimize` (docs/optimization.md "Reading the answer"): optimization.json,
/// the terminal table, and the report's optimisation section with the response chart.
public enum OptimizationReport {
    /// The id of the chart of the objective's response to each decision around the optimum.
    public static let chartID = "chart-optimize-response"

    /// optimization.json: the request, the optimum with its tolerance and Monte Carlo spread,
    /// customer equity at the optimum as a Stat, spend and budget, profiles and evaluation counts.
    ///
    /// - Complexity: O(decisions · profile points).
    public static func document(_ outcome: OptimizationOutcome, run: RunInfo, replications: Int) -> JSONText {
        var budget: [(String, JSONText)] = [("spend", .number(outcome.spend))]
        if let limit = outcome.budget {
            budget += [("budget", .number(limit)), ("binds", .bool(outcome.budgetBinds)),
                       ("marginalValue", .number(outcome.marginalValueOfBudget))]
        }
        return .object([
            ("schemaVersion", .integer(1)),
            ("scenario", .object([("name", .string(run.scenarioName)), ("sha256", .string(run.scenarioSHA256))])),
            ("run", .object([
                ("trials", .integer(run.trials)), ("seed", SummaryJSON.seedValue(run.seed)), ("threads", .integer(run.threads)),
                ("elapsedSeconds", .number((run.elapsedSeconds * 1000).rounded() / 1000)), ("version", .string(run.version)),
            ])),
            ("objective", .string(outcome.objective.description)),
            ("method", .string("nelder-mead on box-scaled decisions, common random numbers")),
            ("optimum", .object([
                ("decisions", .array(outcome.decisions.map { d in
                    .object([
                        ("name", .string(d.name)), ("value", .number(d.value)), ("min", .number(d.min)), ("max", .number(d.max)),
                        ("tolerance", .number(d.tolerance)), ("replicationSD", .number(d.replicationSD)),
                        ("replications", .array(d.replications.map { .number($0) })),
                    ])
                })),
                ("objectiveValue", .number(outcome.objectiveValue)),
                ("customerEquity", SummaryJSON.stat(outcome.run.summary?.metric(.customerEquity))),
            ])),
            ("spend", .object(budget)),
            ("profiles", .array(outcome.profiles.map { p in
                .object([("decision", .string(p.decision)), ("values", .array(p.values.map { .number($0) })),
                         ("objective", .array(p.objective.map { .number($0) }))])
            })),
            ("evaluations", .integer(outcome.evaluations)),
            ("replications", .object([("count", .integer(replications)), ("evaluations", .integer(outcome.replicationEvaluations))])),
        ])
    }

    /// The answer as text lines for the terminal.
    ///
    /// - Complexity: O(decisions · profile points).
    public static func lines(_ outcome: OptimizationOutcome, run: RunInfo, currency: String?) -> [String] {
        var out = ["clvsim \(run.version) — \(run.scenarioName): optimised the \(outcome.objective) of customer equity over \(NumberFormat.grouped(Double(run.trials))) trials (seed \(run.seed)), \(outcome.evaluations) candidate evaluations, \(String(format: "%.2f", run.elapsedSeconds)) s"]
        out.append("")
        var table = TextTable(headers: ["decision", "optimum", "tolerance", "replication sd", "min", "max"],
                              alignments: [.left, .right, .right, .right, .right, .right])
        for d in outcome.decisions {
            table.add([d.name, NumberFormat.significant(d.value), NumberFormat.significant(d.tolerance),
                       d.replicationSD.map { NumberFormat.significant($0) } ?? "n/a",
                       NumberFormat.significant(d.min), NumberFormat.significant(d.max)])
        }
        out += table.lines()
        out.append("")
        let money = { (x: Double) in NumberFormat.currency(x, code: currency) }
        out.append("Objective (\(outcome.objective)) at the optimum: \(money(outcome.objectiveValue))")
        if let ce = outcome.run.summary?.metric(.customerEquity) {
            out.append("Customer equity at the optimum: mean \(money(ce.mean)) (std. error \(money(ce.standardError)))"
                       + ce.intervals.map { ", \(NumberFormat.level($0.level)) interval \(money($0.lower)) … \(money($0.upper))" }.joined())
        }
        out.append("Expected discounted spend (acquisition + retention): \(money(outcome.spend))")
        if let budget = outcome.budget {
            out.append("Budget \(money(budget)): " + (outcome.budgetBinds
                ? "binds; one more unit of budget adds \(NumberFormat.significant(outcome.marginalValueOfBudget ?? 0)) to the objective"
                : "does not bind (marginal value 0)"))
        }
        for profile in outcome.profiles {
            let cells = zip(profile.values, profile.objective).map { "\(NumberFormat.significant($0)): \(NumberFormat.compact($1))" }
            out.append("Response to \(profile.decision): " + cells.joined(separator: "  "))
        }
        return out
    }

    /// The report's section: the optimum, the budget and the response chart.
    public static func section(_ outcome: OptimizationOutcome, currency: String?) -> String {
        var html = "<section id=\"optimization\">\n<h2>Optimal decisions (\(HTMLReport.escape(outcome.objective.description)) of customer equity)</h2>\n"
        let rows = outcome.decisions.map { d in
            [d.name, NumberFormat.significant(d.value), NumberFormat.significant(d.tolerance),
             d.replicationSD.map { NumberFormat.significant($0) } ?? "n/a", NumberFormat.significant(d.min), NumberFormat.significant(d.max)]
        }
        html += HTMLReport.table(headers: ["decision", "optimum", "tolerance", "replication sd", "min", "max"], rows: rows,
                                 id: "table-optimum") + "\n"
        var facts = "<p>Objective at the optimum: \(HTMLReport.escape(NumberFormat.currency(outcome.objectiveValue, code: currency))); expected discounted spend \(HTMLReport.escape(NumberFormat.currency(outcome.spend, code: currency))); \(outcome.evaluations) candidate evaluations on the same trials."
        if let budget = outcome.budget {
            facts += " Budget \(HTMLReport.escape(NumberFormat.currency(budget, code: currency))): "
                + (outcome.budgetBinds ? "binds, marginal value \(NumberFormat.significant(outcome.marginalValueOfBudget ?? 0)) per unit." : "does not bind.")
        }
        html += facts + "</p>\n"
        if !outcome.profiles.isEmpty {
            html += HTMLReport.figure(chart(outcome), caption: "The objective as each decision moves around its optimum (the others held there), on the same trials; x is the distance from the optimum as a share of the decision's range.") + "\n"
        }
        return html + "</section>"
    }

    /// The response chart: for each decision, the objective against (value − optimum)/(max − min).
    ///
    /// - Complexity: O(decisions · profile points).
    public static func chart(_ outcome: OptimizationOutcome, frame: ChartFrame = ChartFrame()) -> SVGElement {
        let widths = Dictionary(uniqueKeysWithValues: outcome.decisions.map { ($0.name, (optimum: $0.value, width: max($0.max - $0.min, 1e-300))) })
        let series = outcome.profiles.map { p -> (String, [(Double, Double)]) in
            let w = widths[p.decision] ?? (0, 1)
            return (p.decision, zip(p.values, p.objective).map { (($0 - w.optimum) / w.width, $1) })
        }
        let xs = series.flatMap { $0.1.map(\.0) }, ys = series.flatMap { $0.1.map(\.1) }.filter(\.isFinite)
        let x = LinearScale(domain: (xs.min() ?? -0.2, xs.max() ?? 0.2), range: frame.plotX)
        let y = LinearScale(domain: (ys.min() ?? 0, ys.max() ?? 1), range: frame.plotY)
        var body: [SVGElement] = []
        let yTicks = y.ticks(count: 5)
        body += frame.yAxis(y, ticks: yTicks, labels: NumberFormat.axisLabels(yTicks), title: "objective")
        for (k, (name, points)) in series.enumerated() {
            body.append(.polyline(points.filter { $0.1.isFinite }.map { (x.position($0.0), y.position($0.1)) }, className: "curve series-\(k)"))
            if let last = points.last(where: { $0.1.isFinite }) {
                body.append(.label(name, x: x.position(last.0) - 4, y: y.position(last.1) - 6, anchor: "end"))
            }
        }
        body.append(.line(x1: x.position(0), y1: frame.plotY.0, x2: x.position(0), y2: frame.plotY.1, className: "guide"))
        let xTicks = x.ticks(count: 6)
        body += frame.xAxis(x, ticks: xTicks, labels: xTicks.map { NumberFormat.percent($0) }, title: "distance from the optimum (share of the decision's range)")
        return frame.svg(id: chartID, title: "Response of the objective to each decision",
                         description: "The objective as each decision moves around its optimum with the others held at theirs.",
                         children: body)
    }
}
