import CLVRandom

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bound on negative discount rates (docs/scenario-format.md, "Top-level keys"): a cash
/// flow t periods out is weighted by (1 + d)^(−t), which grows without limit for a negative
/// rate d; over a long horizon it leaves the range of numbers (`discount −0.5` over 6000 yearly
/// periods weighs the last by 2^6000). A scenario whose lowest plausible rate weighs a cash flow
/// by more than 10^`ScenarioLimits.largestDiscountWeightMagnitude` is rejected.
extension ScenarioDecoder {
    /// Reports an error at `path` when (1 + the lowest rate)^(−years) exceeds the limit.
    ///
    /// Unbounded distributions are taken at their 10⁻⁶ quantile; the comparison is made on
    /// logarithms, so it never overflows itself.
    ///
    /// - Complexity: O(1) for bounded families; one quantile evaluation otherwise.
    mutating func checkDiscounting(_ rate: Distribution, at path: String, horizon: Int, periodsPerYear: Int) {
        let lowest = Self.plausibleLower(rate)
        guard lowest < 0, lowest > -1 else { return }
        let years = Double(horizon) / Double(max(1, periodsPerYear))
        let magnitude = -years * log10(1 + lowest)
        let limit = ScenarioLimits.largestDiscountWeightMagnitude
        guard !(magnitude <= limit) else { return }
        // The lowest rate that keeps (1 + d)^(−years) within the limit.
        let bound = pow(10, -limit / years) - 1
        error(path,
              "with an annual discount rate as low as \(lowest.shortText), discounting over \(horizon) periods (\(years.shortText) years) weighs the last cash flows by about 10^\(Int(magnitude.rounded(.down))), beyond 10^\(Int(limit)); the results would overflow",
              fix: "keep the rate above \((bound * 1000).rounded(.up) / 1000) for this horizon (rates are fractions: −2% is -0.02), or shorten horizonPeriods")
    }

    /// The lower end of `distribution`'s support, or its 10⁻⁶ quantile when unbounded.
    static func plausibleLower(_ distribution: Distribution) -> Double {
        let lower = distribution.support.lowerBound
        if lower.isFinite { return lower }
        let q = distribution.quantile(1e-6)
        return q.isNaN ? lower : q
    }
}
