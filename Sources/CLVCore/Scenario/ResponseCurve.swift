import CLVRandom
import Foundation

/// A rate that responds to spend, with uncertain parameters (docs/optimization.md "Response
/// curves"; Blattberg & Deighton 1996):
///
///     rate(spend) = floor + (ceiling − floor) · (1 − e^(−k · spend))
///
/// `floor` is the rate without spend, `ceiling` the rate that unlimited spend approaches, and
/// `k` how fast spend closes the gap (half of it at spend ln 2 / k). `floor`, `ceiling` and `k`
/// are drawn once per trial like any input; the spend is a fixed amount or a decision.
public struct ResponseCurve: Sendable, Equatable {
    /// The rate at zero spend, in [0, 1].
    public var floor: Distribution
    /// The rate unlimited spend approaches, in [0, 1], never below `floor`.
    public var ceiling: Distribution
    /// Responsiveness k ≥ 0 per unit of spend.
    public var k: Distribution
    /// The spend per unit (per active customer per period, or per prospect).
    public var spend: ResponseSpend

    public init(floor: Distribution = .fixed(0), ceiling: Distribution, k: Distribution, spend: ResponseSpend) {
        self.floor = floor
        self.ceiling = ceiling
        self.k = k
        self.spend = spend
    }

    /// The rate at `spend` for drawn parameters, clamped to [floor, ceiling] against rounding.
    ///
    /// - Complexity: O(1).
    public static func rate(floor: Double, ceiling: Double, k: Double, spend: Double) -> Double {
        guard spend > 0, k > 0 else { return floor }
        return floor + (ceiling - floor) * -expm1(-k * spend)
    }
}

/// How much a response curve spends per unit: a fixed amount, or the value of a decision.
public enum ResponseSpend: Sendable, Equatable {
    case amount(Double)
    case decision(String)

    /// The spend when the decisions take their current values (`Decision.value`); 0 for a
    /// decision the scenario does not declare.
    ///
    /// - Complexity: O(decisions).
    public func value(in decisions: [Decision]) -> Double {
        switch self {
        case .amount(let x): return x
        case .decision(let name): return decisions.first { $0.name == name }?.value ?? 0
        }
    }
}
