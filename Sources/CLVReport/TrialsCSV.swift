import CLVCore
import Dispatch
import Foundation

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
        let step = max(1, rowsPerPiece)
        // Pieces are formatted `group` at a time in parallel and handed to `body` in order, so the
        // text is the same whatever the number of cores.
        let group = 4 * max(1, ProcessInfo.processInfo.activeProcessorCount)
        var first = 0
        while first < trials {
            let starts = Array(stride(from: first, to: min(trials, first + group * step), by: step))
            let pieces = PieceBox(count: starts.count)
            DispatchQueue.concurrentPerform(iterations: starts.count) { k in
                pieces.set(k, rows(inputs, metrics, starts[k]..<min(trials, starts[k] + step)))
            }
            for k in starts.indices { try body(pieces.get(k)) }
            first = min(trials, first + group * step)
        }
    }

    /// Rows `range` of the file.
    ///
    /// - Complexity: O(rows · columns).
    static func rows(_ inputs: any TrialTable, _ metrics: any TrialTable, _ range: Range<Int>) -> String {
        let inputWidth = inputs.names.count, metricWidth = metrics.names.count
        var out = ""
        out.reserveCapacity(range.count * (inputWidth + metricWidth + 1) * 16)
        let inputRows = inputs.rows(range), metricRows = metrics.rows(range)
        for i in range {
            out += String(i)
            let r = i - range.lowerBound
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

/// Slots for pieces formatted in parallel; each slot is written by exactly one iteration.
private final class PieceBox: @unchecked Sendable {
    private var slots: [String]
    private let lock = NSLock()
    init(count: Int) { slots = [String](repeating: "", count: count) }
    func set(_ i: Int, _ text: String) {
        lock.lock()
        slots[i] = text
        lock.unlock()
    }
    func get(_ i: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        return slots[i]
    }
}
