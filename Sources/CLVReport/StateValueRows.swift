import CLVCore

/// The rows of the "value by state" tables (terminal and HTML, docs/results.md "Customers by
/// state"): for each segment with dynamics or that customers migrate into, the value of a new
/// customer (`clv`), the infinite-horizon value of a new customer (`perpetualClv`) when the
/// run reports it, and the value of a customer at each recency 1 … k in period 1.
enum StateValueRows {
    /// One row: the segment's name (on its first row only), the state and its stat.
    struct Row {
        let segment: String
        let state: String
        let stat: Stat?
    }

    /// The rows, segment by segment; empty for a scenario without dynamics.
    ///
    /// - Complexity: O(segments · (migrations + recency states)).
    static func rows(_ summary: RunSummary, scenario: Scenario) -> [Row] {
        let targets = Set(scenario.segments.flatMap { $0.migration.map(\.to) })
        var out: [Row] = []
        for (segment, definition) in zip(summary.segments, scenario.segments)
        where definition.hasDynamics || targets.contains(definition.name) {
            var rows = [Row(segment: segment.name, state: "new customer (CLV)", stat: segment.clv)]
            if segment.reportsPerpetualClv {
                rows.append(Row(segment: "", state: "new customer, no horizon (perpetual CLV)", stat: segment.perpetualClv))
            }
            for (recency, value) in segment.byRecency {
                rows.append(Row(segment: "", state: "recency \(recency) (\(recency) period\(recency == 1 ? "" : "s") since the last purchase)",
                                stat: value))
            }
            out += rows
        }
        return out
    }
}
