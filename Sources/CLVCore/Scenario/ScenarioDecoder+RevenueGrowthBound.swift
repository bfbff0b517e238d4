import CLVRandom

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bound on revenue growth with tenure (docs/scenario-format.md, "Segments"): a customer
/// active k periods after acquisition yields `revenue · (1 + g)^(k / periodsPerYear)`, so a
/// large `revenueGrowth` g over a long horizon makes that value overflow. A segment whose
/// revenue could exceed `ScenarioLimits.largestRevenueMagnitude` by the horizon is rejected.
extension ScenarioDecoder {
    /// Reports an error at `path.revenueGrowth` when the highest revenue the segment can reach
    /// by the horizon — the upper end of `revenue` times (1 + the upper end of
    /// `revenueGrowth`)^(horizon / periodsPerYear) — exceeds 10^`largestRevenueMagnitude`.
    ///
    /// Unbounded distributions are taken at their 1 − 10⁻⁶ quantile. The comparison is made on
    /// logarithms, so it never overflows itself.
    ///
    /// - Complexity: O(1) for bounded families; one quantile evaluation otherwise.
    mutating func checkRevenueGrowth(_ segment: Segment, at path: String, horizon: Int, periodsPerYear: Int) {
        let growth = Self.plausibleUpper(segment.revenueGrowth)
        guard growth > 0 else { return }
        let revenue = max(Self.plausibleUpper(segment.revenue), 1)
        let years = Double(horizon) / Double(max(1, periodsPerYear))
        let magnitude = log10(revenue) + years * log10(1 + growth)
        let limit = ScenarioLimits.largestRevenueMagnitude
        guard !(magnitude <= limit) else { return }
        // The largest g that keeps revenue · (1 + g)^years below the limit.
        let exact = pow(10, max(0, limit - log10(revenue)) / years) - 1
        let unit = exact > 0 ? pow(10, (log10(exact)).rounded(.down) - 2) : 1
        let largest = exact > 0 ? (exact / unit).rounded(.down) * unit : 0
        let grown = magnitude.isFinite ? "about 10^\(Int(magnitude.rounded(.down)))" : "more than any number can hold"
        error(JSONPath.member(path, "revenueGrowth"),
              "revenueGrowth \(growth.shortText) a year over \(horizon) periods (\(years.shortText) years of \(periodsPerYear) period\(periodsPerYear == 1 ? "" : "s")) grows revenue to \(grown) per customer and period, beyond 10^\(Int(limit)); the results would overflow",
              fix: "give revenueGrowth as a fraction per year (0.05 for 5%), at most \(largest.shortText) for this horizon, or shorten horizonPeriods")
    }

    /// The upper end of `distribution`'s support, or its 1 − 10⁻⁶ quantile when unbounded.
    static func plausibleUpper(_ distribution: Distribution) -> Double {
        let upper = distribution.support.upperBound
        if upper.isFinite { return upper }
        let q = distribution.quantile(1 - 1e-6)
        return q.isNaN ? upper : q
    }
}
