import CLVCore

/// `trials.csv`: one row per trial with the trial's drawn inputs and its metrics.
///
/// The text follows RFC 4180: a header row, fields separated by commas, records ended by CRLF,
/// and a field quoted (with inner quotes doubled) when it holds a comma, a quote, CR or LF.
/// Numbers are written the same way in every locale: "." as the decimal point, no grouping,
/// the shortest text that reads back to the same double (e.g. `0.1`, `1234567`, `1.5e-07`);
/// a value that is undefined in a trial (a ROMI whose cost is zero) is an empty field.
///
/// Columns: `trial` (0-based index), then the uncertain inputs named by scenario path
/// (`segments.<name>.retention.rate`, `acquisition.<index>.cac`, …) in the scenario's
/// canonical order, then the metrics (`customerEquity`, …, `segments.<name>.clv`, …,
/// `strategies.<name>.netValue`, …).
public enum TrialsCSV {
    /// The header row's fields.
    ///
    /// - Complexity: O(columns).
    public static func header(_ result: SimulationResult) -> [String] {
        ["trial"] + result.inputs.names + result.metrics.names
    }

    /// The whole file.
    ///
    /// - Complexity: O(trials · columns).
    public static func render(_ result: SimulationResult) -> String {
        var out = ""
        write(result) { out += $0 }
        return out
    }

    /// The file in pieces of at most `rowsPerPiece` rows (the header is the first piece), so
    /// that a large file can be written out without being held in memory whole. Stops at the
    /// first error `body` throws.
    ///
    /// - Complexity: O(trials · columns).
    public static func write(_ result: SimulationResult, rowsPerPiece: Int = 2048,
                             _ body: (String) throws -> Void) rethrows {
        let inputs = result.inputs, metrics = result.metrics
        let trials = min(inputs.trials, metrics.trials)
        try body(header(result).map(field).joined(separator: ",") + "\r\n")
        let inputWidth = inputs.names.count, metricWidth = metrics.names.count
        let step = max(1, rowsPerPiece)
        var first = 0
        while first < trials {
            let last = min(trials, first + step)
            var out = ""
            out.reserveCapacity((last - first) * (inputWidth + metricWidth + 1) * 16)
            let inputRows = inputs.rows(first..<last), metricRows = metrics.rows(first..<last)
            for i in first..<last {
                out += String(i)
                let r = i - first
                for c in 0..<inputWidth {
                    out += ","
                    out += number(inputRows[r * inputWidth + c])
                }
                for c in 0..<metricWidth {
                    out += ","
                    out += number(metricRows[r * metricWidth + c])
                }
                out += "\r\n"
            }
            try body(out)
            first = last
        }
    }

    /// A text field, quoted when RFC 4180 requires it.
    ///
    /// - Complexity: O(length).
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number in locale-independent form; empty when not finite.
    ///
    /// - Complexity: O(1).
    public static func number(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        if x == x.rounded(), abs(x) < 9_007_199_254_740_992 { return String(Int64(x)) }
        return x.description
    }
}
