import CLVCore

/// What every section needs: the summary, the per-trial result, the run facts and formatters.
struct ReportContext {
    let summary: RunSummary
    let result: SimulationResult
    let run: RunInfo

    var currency: String? { result.scenario.currency }
    var levels: [Double] { summary.levels }

    /// A money amount with the currency code, joined by a no-break space so that a narrow
    /// table cell wraps between amounts, never inside one.
    func money(_ x: Double) -> String {
        NumberFormat.currency(x, code: currency).replacingOccurrences(of: " ", with: "\u{00A0}")
    }

    /// Mean, std. error and one "lower to upper" cell per interval level.
    func statCells(_ stat: Stat?, format: (Double) -> String) -> [String] {
        guard let stat else { return ["n/a", ""] + levels.map { _ in "" } }
        return [format(stat.mean), format(stat.standardError)]
            + levels.map { level in
                stat.intervals.first { $0.level == level }.map { "\(format($0.lower)) to \(format($0.upper))" } ?? ""
            }
    }

    var intervalHeaders: [String] { levels.map { "\(NumberFormat.level($0)) interval" } }

    /// Markers for a histogram or cumulative curve: the mean and both ends of each interval.
    func markers(_ stat: Stat) -> [ChartMarker] {
        var out = [ChartMarker(value: stat.mean, label: "mean \(NumberFormat.compact(stat.mean))", style: .mean)]
        for interval in stat.intervals {
            let level = NumberFormat.level(interval.level)
            out.append(ChartMarker(value: interval.lower, label: "\(level) low", style: .interval))
            out.append(ChartMarker(value: interval.upper, label: "\(level) high", style: .interval))
        }
        return out
    }
}
