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
        let inputs = result.inputs, metrics = result.metrics
        let trials = min(inputs.trials, metrics.trials)
        var out = ""
        out.reserveCapacity(trials * (inputs.names.count + metrics.names.count + 1) * 14 + 256)
        out += header(result).map(field).joined(separator: ",") + "\r\n"
        let inputWidth = inputs.names.count, metricWidth = metrics.names.count
        for i in 0..<trials {
            out += String(i)
            for c in 0..<inputWidth {
                out += ","
                out += number(inputs.values[i * inputWidth + c])
            }
            for c in 0..<metricWidth {
                out += ","
                out += number(metrics.values[i * metricWidth + c])
            }
            out += "\r\n"
        }
        return out
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
