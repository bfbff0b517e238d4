import Foundation
import CLVCore

/// Figures shown no more precisely than the Monte Carlo standard error supports
/// (docs/results.md, "Reading the numbers"): a mean and its intervals are rounded to the unit of
/// the standard error's second significant digit (mean 1,234,567 with std. error 1,234 shows as
/// 1,234,600), and the standard error itself shows two significant digits, or "< 0.01" when the
/// format cannot show it.
enum StatDisplay {
    /// The unit of the second significant digit of `standardError`, or nil when it is 0 or not
    /// finite (nothing to round to).
    ///
    /// - Complexity: O(1).
    static func unit(of standardError: Double) -> Double? {
        guard standardError.isFinite, standardError > 0 else { return nil }
        return pow(10, (log10(standardError)).rounded(.down) - 1)
    }

    /// `x` rounded to `unit`, formatted by `format`, with decimals finer than `unit` dropped
    /// (they are zeros after rounding).
    ///
    /// - Complexity: O(digits).
    static func text(_ x: Double, unit: Double?, format: (Double) -> String) -> String {
        guard let unit, x.isFinite else { return format(x) }
        let rounded = (x / unit).rounded() * unit
        let decimals = max(0, Int((-log10(unit)).rounded()))
        return trimmed(format(rounded == 0 ? 0 : rounded), toDecimals: decimals)
    }

    /// The standard error with two significant digits, or "< " and the format's smallest step
    /// when the format cannot show it (e.g. "< 0.01" for a ratio with two decimals).
    ///
    /// - Complexity: O(digits).
    static func standardError(_ se: Double, format: (Double) -> String) -> String {
        guard let unit = unit(of: se) else { return format(se) }
        let shown = text(se, unit: unit, format: format)
        guard !shown.contains(where: { $0 >= "1" && $0 <= "9" }) else { return shown }
        // Every digit shown is 0: say how small it is instead.
        let smallest = format(0.01)
        return smallest.contains(where: { $0 >= "1" && $0 <= "9" }) ? "< " + smallest : "< " + format(1)
    }

    /// Mean, std. error and one cell per level ("lower`separator`upper"), rounded as above.
    ///
    /// - Complexity: O(levels).
    static func cells(_ stat: Stat?, levels: [Double], separator: String, format: (Double) -> String) -> [String] {
        guard let stat else { return ["n/a", ""] + levels.map { _ in "" } }
        let unit = unit(of: stat.standardError)
        return [text(stat.mean, unit: unit, format: format), standardError(stat.standardError, format: format)]
            + levels.map { level in
                stat.intervals.first { $0.level == level }.map {
                    text($0.lower, unit: unit, format: format) + separator + text($0.upper, unit: unit, format: format)
                } ?? ""
            }
    }

    /// `text` with the digits after its decimal point cut to `decimals` (dropping the point when
    /// none remain). Only zeros are cut when the number was rounded to that many decimals.
    static func trimmed(_ text: String, toDecimals decimals: Int) -> String {
        guard let point = text.firstIndex(of: ".") else { return text }
        var end = text.index(after: point)
        while end < text.endIndex, text[end].isNumber { end = text.index(after: end) }
        let digits = text.distance(from: text.index(after: point), to: end)
        guard digits > decimals else { return text }
        let keepEnd = decimals == 0 ? point : text.index(point, offsetBy: decimals + 1)
        return String(text[..<keepEnd]) + text[end...]
    }
}
