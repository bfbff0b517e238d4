import CLVRandom

/// A `Dist`-valued field of a scenario that is drawn once per trial (docs/model.md, "Trials and the two kinds of uncertainty": parameter
/// uncertainty), together with its scenario path.
///
/// Scenario paths are the names users write in `correlations` and strategy `changes`:
/// `annualDiscountRate`, `segments.<name>.<field>[.<sub>]`, `acquisition.<index>.<field>`.
public struct ScenarioInput: Sendable, Equatable {
    /// Where the field lives.
    public var site: InputSite
    /// The scenario path, e.g. `segments.monthly.retention.alpha`.
    public var path: String
    /// The field's distribution.
    public var distribution: Distribution
    /// The values the field may take.
    public var domain: InputDomain
}

/// The location of a per-trial input within a scenario.
public enum InputSite: Sendable, Hashable {
    case annualDiscountRate
    case segment(Int, SegmentInput)
    case acquisition(Int, AcquisitionInput)
    /// The amount of change `change` (its `add` or `multiply`) of strategy `strategy`.
    case strategyChange(strategy: Int, change: Int)
    /// The purchase probability of recency state `state` + 1 of segment `segment`
    /// (`segments.<name>.retention.purchaseProbability.<state>`).
    case purchaseProbability(segment: Int, state: Int)
    /// The probability of migration `index` of segment `segment`
    /// (`segments.<name>.migration.<index>.probability`).
    case migrationProbability(segment: Int, index: Int)
}

/// The `Dist` fields of a segment, named by their path below `segments.<name>.`.
public enum SegmentInput: String, Sendable, Hashable, CaseIterable {
    case revenue
    case revenueGrowth
    case margin
    case serviceCost
    case retentionRate = "retention.rate"
    case retentionAlpha = "retention.alpha"
    case retentionBeta = "retention.beta"
    case retentionScale = "retention.scale"
    case referralCoefficient = "referrals.coefficient"
    /// The parameters of a response-curve retention rate (docs/optimization.md).
    case retentionRateFloor = "retention.rate.floor"
    case retentionRateCeiling = "retention.rate.ceiling"
    case retentionRateK = "retention.rate.k"
}

/// The `Dist` fields of an acquisition plan, named by their path below `acquisition.<index>.`.
public enum AcquisitionInput: String, Sendable, Hashable, CaseIterable {
    case customersPerPeriod
    case budgetPerPeriod
    case cac
    /// Prospects per period and the parameters of their conversion response curve.
    case prospectsPerPeriod
    case conversionFloor = "conversion.floor"
    case conversionCeiling = "conversion.ceiling"
    case conversionK = "conversion.k"
}

/// The set of values an input may take; a distribution whose support leaves it is invalid.
public enum InputDomain: Sendable, Equatable {
    /// A probability or fraction, [0, 1].
    case unitInterval
    /// Any value ≥ 0.
    case nonNegative
    /// Any value > 0.
    case positive
    /// A growth rate, > −1.
    case aboveMinusOne
    /// A discount rate, > −1 (a negative discount rate is allowed but unusual).
    case discountRate
    /// Any finite value (the amount a strategy adds).
    case anyValue

    /// Whether `range` lies within the domain.
    public func contains(_ range: ClosedRange<Double>) -> Bool {
        switch self {
        case .unitInterval: return range.lowerBound >= 0 && range.upperBound <= 1
        case .nonNegative: return range.lowerBound >= 0
        case .positive: return range.lowerBound > 0
        case .aboveMinusOne, .discountRate: return range.lowerBound > -1
        case .anyValue: return true
        }
    }

    /// The domain in words, for error messages.
    public var text: String {
        switch self {
        case .unitInterval: return "between 0 and 1"
        case .nonNegative: return "at least 0"
        case .positive: return "greater than 0"
        case .aboveMinusOne, .discountRate: return "greater than -1"
        case .anyValue: return "a number"
        }
    }
}

extension Scenario {
    /// Every per-trial input of the scenario in a fixed canonical order: the discount rate, then
    /// each segment's fields in `SegmentInput` order followed by its purchase probabilities and
    /// migration probabilities, then each plan's fields, then the `add` and
    /// `multiply` amounts of strategy changes sorted by path (so that the order of strategies in
    /// the file changes no draw: an input's stream is keyed by its path, and correlated inputs
    /// enter the copula in this order).
    ///
    /// - Complexity: O(segments + plans).
    public var inputs: [ScenarioInput] {
        var result: [ScenarioInput] = [
            ScenarioInput(site: .annualDiscountRate, path: "annualDiscountRate",
                          distribution: annualDiscountRate, domain: .discountRate),
        ]
        for (s, segment) in segments.enumerated() {
            for field in SegmentInput.allCases {
                guard let (distribution, domain) = segment.input(field) else { continue }
                result.append(ScenarioInput(site: .segment(s, field), path: "segments.\(segment.name).\(field.rawValue)",
                                            distribution: distribution, domain: domain))
            }
            if case .recency(let probabilities) = segment.retention {
                for (j, p) in probabilities.enumerated() {
                    result.append(ScenarioInput(site: .purchaseProbability(segment: s, state: j),
                                                path: "segments.\(segment.name).retention.purchaseProbability.\(j)",
                                                distribution: p, domain: .unitInterval))
                }
            }
            for (m, migration) in segment.migration.enumerated() {
                result.append(ScenarioInput(site: .migrationProbability(segment: s, index: m),
                                            path: "segments.\(segment.name).migration.\(m).probability",
                                            distribution: migration.probability, domain: .unitInterval))
            }
        }
        for (p, plan) in acquisition.enumerated() {
            for field in AcquisitionInput.allCases {
                guard let (distribution, domain) = plan.input(field) else { continue }
                result.append(ScenarioInput(site: .acquisition(p, field), path: "acquisition.\(p).\(field.rawValue)",
                                            distribution: distribution, domain: domain))
            }
        }
        var amounts: [ScenarioInput] = []
        for (j, strategy) in strategies.enumerated() {
            for (c, change) in strategy.changes.enumerated() {
                let (distribution, domain): (Distribution, InputDomain)
                switch change.operation {
                case .set: continue
                case .add(let amount): (distribution, domain) = (amount, .anyValue)
                case .multiply(let factor): (distribution, domain) = (factor, .nonNegative)
                }
                amounts.append(ScenarioInput(site: .strategyChange(strategy: j, change: c),
                                             path: Strategy.amountPath(strategy: strategy.name, change: c, operation: change.operation),
                                             distribution: distribution, domain: domain))
            }
        }
        return result + amounts.sorted { $0.path < $1.path }
    }
}

extension Segment {
    /// The distribution and domain of one of the segment's fields, or nil when absent.
    public func input(_ field: SegmentInput) -> (Distribution, InputDomain)? {
        switch field {
        case .revenue: return (revenue, .nonNegative)
        case .revenueGrowth: return (revenueGrowth, .aboveMinusOne)
        case .margin: return (margin, .unitInterval)
        case .serviceCost: return (serviceCost, .nonNegative)
        case .retentionRate:
            if case .constant(let rate) = retention { return (rate, .unitInterval) }
            return nil
        case .retentionAlpha:
            if case .sbg(let alpha, _) = retention { return (alpha, .positive) }
            return nil
        case .retentionBeta:
            if case .sbg(_, let beta) = retention { return (beta, .positive) }
            return nil
        case .retentionScale:
            if case .curve(_, let scale) = retention { return (scale, .nonNegative) }
            return nil
        case .referralCoefficient:
            if let referrals { return (referrals.coefficient, .nonNegative) }
            return nil
        case .retentionRateFloor:
            if case .constantResponse(let curve) = retention { return (curve.floor, .unitInterval) }
            return nil
        case .retentionRateCeiling:
            if case .constantResponse(let curve) = retention { return (curve.ceiling, .unitInterval) }
            return nil
        case .retentionRateK:
            if case .constantResponse(let curve) = retention { return (curve.k, .nonNegative) }
            return nil
        }
    }
}

extension AcquisitionPlan {
    /// The distribution and domain of one of the plan's fields, or nil when absent.
    public func input(_ field: AcquisitionInput) -> (Distribution, InputDomain)? {
        switch (field, volume) {
        case (.customersPerPeriod, .customers(let perPeriod)): return (perPeriod, .nonNegative)
        case (.budgetPerPeriod, .budget(let perPeriod, _)): return (perPeriod, .nonNegative)
        case (.cac, .budget(_, let cac)): return (cac, .positive)
        case (.prospectsPerPeriod, .prospects(let perPeriod, _)): return (perPeriod, .nonNegative)
        case (.conversionFloor, .prospects(_, let curve)): return (curve.floor, .unitInterval)
        case (.conversionCeiling, .prospects(_, let curve)): return (curve.ceiling, .unitInterval)
        case (.conversionK, .prospects(_, let curve)): return (curve.k, .nonNegative)
        default: return nil
        }
    }
}
