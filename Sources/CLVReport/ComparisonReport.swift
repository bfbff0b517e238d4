import CLVCore

/// Output of `clvsim compare`: a table, or JSON.
public enum ComparisonReport {

    /// The comparison as JSON: for each alternative, the Stat of the per-trial difference of
    /// every metric (alternative − base) and the probability that it beats the base.
    ///
    /// - Complexity: O(alternatives · metrics).
    public static func document(files: [String], names: [String], digests: [String], comparisons: [ScenarioComparison],
                                options: SimulationOptions, elapsedSeconds: Double, version: String) -> JSONText {
        .object([
            ("schemaVersion", .integer(1)),
            ("base", .object([("file", .string(files[0])), ("name", .string(names[0])), ("sha256", .string(digests[0]))])),
            ("run", .object([
                ("trials", .integer(options.trials)), ("seed", SummaryJSON.seedValue(options.seed)),
                ("threads", .integer(options.threads)),
                ("elapsedSeconds", .number((elapsedSeconds * 1000).rounded() / 1000)), ("version", .string(version)),
            ])),
            ("alternatives", .array(comparisons.enumerated().map { k, comparison in
                .object([
                    ("file", .string(files[k + 1])), ("name", .string(names[k + 1])), ("sha256", .string(digests[k + 1])),
                    ("identical", .bool(comparison.identical)),
                    ("probabilityBetter", .number(comparison.probabilityBetter)),
                    ("probabilityBetterInterval", .object([
                        ("level", .number(0.95)),
                        ("lower", .number(comparison.probabilityBetterInterval.lower)),
                        ("upper", .number(comparison.probabilityBetterInterval.upper)),
                    ])),
                    ("differences", .object(comparison.differences.map { ($0.metric, SummaryJSON.stat($0.stat)) })),
                ])
            })),
        ])
    }

    /// Whether the table lists a metric: the headline metrics, CLV and strategies' net value.
    static func isListed(_ metric: TrialMetric) -> Bool {
        switch metric {
        case .clv, .netValue: return true
        default: return TrialMetric.headline.contains(metric)
        }
    }

    /// The comparison as text lines: headline metrics and per-segment CLV for each alternative.
    public static func lines(files: [String], comparisons: [ScenarioComparison], levels: [Double],
                             currency: String?, options: SimulationOptions) -> [String] {
        var out = ["Compared with \(files[0]) over \(NumberFormat.grouped(Double(options.trials))) paired trials (seed \(options.seed)); differences are alternative − base\(currency.map { ", in \($0)" } ?? "")."]
        for (k, comparison) in comparisons.enumerated() {
            out.append("")
            if comparison.identical {
                out.append("\(files[k + 1]): identical to the base in every trial (every metric the same, bit for bit)")
                continue
            }
            out.append("\(files[k + 1]): P(customer equity higher than the base) = \(NumberFormat.percent(comparison.probabilityBetter)) "
                       + "(95% interval \(NumberFormat.percent(comparison.probabilityBetterInterval.lower)) … \(NumberFormat.percent(comparison.probabilityBetterInterval.upper)))")
            let (onlyHere, onlyBase) = comparison.unpairedStrategies
            if !onlyHere.isEmpty {
                out.append("  strategies only in this file (no difference to report; their own values are in its run files): \(onlyHere.joined(separator: ", "))")
            }
            if !onlyBase.isEmpty {
                out.append("  strategies only in the base: \(onlyBase.joined(separator: ", "))")
            }
            var table = TextTable(headers: ["metric", "mean difference", "std. error"] + levels.map { "\(NumberFormat.level($0)) interval" },
                                  alignments: [.left, .right, .right] + levels.map { _ in .right })
            for difference in comparison.differences
            where isListed(difference.kind) {
                guard let stat = difference.stat else {
                    table.add([difference.metric, "n/a"])
                    continue
                }
                table.add([difference.metric, NumberFormat.money(stat.mean), NumberFormat.money(stat.standardError)]
                          + stat.intervals.map { "\(NumberFormat.money($0.lower)) … \(NumberFormat.money($0.upper))" })
            }
            out += table.lines()
        }
        out.append("")
        out.append("Every metric's difference is in the JSON output (--json, or comparison.json with --out).")
        return out
    }
}
