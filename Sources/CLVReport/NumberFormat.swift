import Foundation

/// Locale-independent number formatting for people: thousands separators, a fixed number of
/// decimals, an optional currency code. The same input always gives the same text.
public enum NumberFormat {
    /// `x` with `decimals` decimals and "," between groups of three digits, e.g. 1,234,567.89.
    /// Values that are not finite print as "n/a".
    ///
    /// - Complexity: O(digits).
    public static func grouped(_ x: Double, decimals: Int = 0) -> String {
        guard x.isFinite else { return "n/a" }
        let text = String(format: "%.\(max(0, decimals))f", abs(x))
        let parts = text.split(separator: ".", maxSplits: 1)
        let integer = Array(parts[0])
        var grouped = ""
        for (i, ch) in integer.enumerated() {
            if i > 0 && (integer.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        let sign = x < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
        return sign + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// A money amount: grouped with decimals chosen by size (2 below 100, else 0).
    public static func money(_ x: Double) -> String {
        grouped(x, decimals: abs(x) < 100 ? 2 : 0)
    }

    /// A ratio such as ROMI or LTV/CAC, with two decimals.
    public static func ratio(_ x: Double) -> String { grouped(x, decimals: 2) }

    /// A probability as a percentage with one decimal, e.g. 93.4%.
    public static func percent(_ p: Double) -> String {
        guard p.isFinite else { return "n/a" }
        return String(format: "%.1f%%", p * 100)
    }

    /// An interval level as a percentage without needless decimals, e.g. 90%, 99.5%.
    public static func level(_ level: Double) -> String {
        let pct = level * 100
        return pct == pct.rounded() && abs(pct) < 1e15 ? "\(Int(pct))%" : String(format: "%g%%", pct)
    }

    /// A money amount with the currency code in front when there is one, e.g. "GBP 1,234,567".
    ///
    /// - Complexity: O(digits).
    public static func currency(_ x: Double, code: String?) -> String {
        guard let code, !code.isEmpty, x.isFinite else { return money(x) }
        return code + " " + money(x)
    }

    /// `x` with about `digits` significant digits, grouped, trailing zeros dropped:
    /// 0.93 → "0.93", 50000 → "50,000", 0.000123456 → "0.0001235".
    ///
    /// - Complexity: O(digits).
    public static func significant(_ x: Double, digits: Int = 4) -> String {
        guard x.isFinite else { return "n/a" }
        if x == 0 { return "0" }
        let magnitude = Int(log10(abs(x)).rounded(.down))
        let decimals = min(12, max(0, digits - 1 - magnitude))
        var text = grouped(x, decimals: decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// Labels for axis ticks, all in one unit: thousands ("k"), millions ("M") or billions ("B")
    /// chosen by the largest tick, with just enough decimals to tell neighbouring ticks apart;
    /// zero is plain "0".
    ///
    /// - Complexity: O(ticks).
    public static func axisLabels(_ ticks: [Double]) -> [String] {
        let largest = ticks.map { abs($0) }.filter(\.isFinite).max() ?? 0
        let (divisor, suffix): (Double, String) =
            largest >= 1e9 ? (1e9, "B") : largest >= 1e6 ? (1e6, "M") : largest >= 1e4 ? (1e3, "k") : (1, "")
        let step = ticks.count > 1 ? abs(ticks[1] - ticks[0]) / divisor : 1
        let decimals = step > 0 && step.isFinite ? min(6, max(0, Int((-log10(step)).rounded(.up)))) : 0
        return ticks.map { $0 == 0 ? "0" : grouped($0 / divisor, decimals: decimals) + suffix }
    }

    /// A short label with three significant digits and a unit suffix: 3,940,017 → "3.94M",
    /// A number of periods: whole numbers as they are ("13"), others with one decimal ("12.5").
    ///
    /// - Complexity: O(1).
    public static func periods(_ x: Double) -> String {
        x == x.rounded() ? grouped(x) : grouped(x, decimals: 1)
    }

    /// 48,213 → "48.2k", 0.8912 → "0.891".
    ///
    /// - Complexity: O(1).
    public static func compact(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        let (divisor, suffix): (Double, String) =
            abs(x) >= 1e9 ? (1e9, "B") : abs(x) >= 1e6 ? (1e6, "M") : abs(x) >= 1e4 ? (1e3, "k") : (1, "")
        return significant(x / divisor, digits: 3) + suffix
    }
}
