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
        return pct == pct.rounded() ? "\(Int(pct))%" : String(format: "%g%%", pct)
    }
}
