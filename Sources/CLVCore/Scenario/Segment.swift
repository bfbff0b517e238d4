import CLVRandom

/// A group of customers who share retention, spend and referral behaviour (docs/scenario-format.md, "Segments").
public struct Segment: Sendable, Equatable {
    /// Unique name; scenario paths refer to it as `segments.<name>`.
    public var name: String
    /// Current customers at the start of period 1 (integer ≥ 0).
    public var customers: Int = 0
    /// Renewals the current customers have already made (≥ 0).
    public var renewals: Int = 0
    /// How customers renew or churn.
    public var retention: RetentionModel
    /// Mean revenue per active period per customer (≥ 0).
    public var revenue: Distribution
    /// Per-customer persistent spend multiplier ~ Gamma(k, 1/k); nil gives every customer 1.
    public var revenueVariation: RevenueVariation?
    /// Annual growth of a customer's revenue with tenure (> −1).
    public var revenueGrowth: Distribution = .fixed(0)
    /// Margin as a fraction of revenue, in [0, 1].
    public var margin: Distribution = .fixed(1)
    /// Cost per active customer per period (≥ 0).
    public var serviceCost: Distribution = .fixed(0)
    /// Referral behaviour of this segment's new customers; nil means none.
    public var referrals: Referrals?
    /// Periods per billing cycle b ≥ 1: a customer renews once per cycle and pays the cycle's
    /// revenue (b periods of `revenue`) at its start (docs/model.md "Billing cycles").
    public var billingPeriods: Int = 1
    /// Recency retention only: the recency (periods since the last purchase, 1 … k) of the
    /// current customers in period 1 (docs/model.md "Recency: customers who lapse").
    public var recency: Int = 1
    /// Moves at renewal into other segments (docs/model.md "Migration between segments").
    public var migration: [Migration] = []

    /// Whether the segment's customers move between states other than active and lost: recency
    /// retention, billing cycles longer than one period, or migration out of the segment.
    public var hasDynamics: Bool {
        if case .recency = retention { return true }
        return billingPeriods > 1 || !migration.isEmpty
    }

    public init(name: String, customers: Int = 0, renewals: Int = 0,
                retention: RetentionModel, revenue: Distribution) {
        self.name = name
        self.customers = customers
        self.renewals = renewals
        self.retention = retention
        self.revenue = revenue
    }
}

/// How a segment's customers renew (docs/scenario-format.md, "Retention models").
public enum RetentionModel: Sendable, Equatable {
    /// Every renewal succeeds with probability `rate` ∈ [0, 1].
    case constant(rate: Distribution)
    /// Shifted-beta-geometric: each customer draws θ ~ Beta(α, β) once and renews with 1 − θ.
    /// Renewal number n of a random customer surviving n − 1 renewals succeeds with
    /// probability (β + n − 1)/(α + β + n − 1).
    case sbg(alpha: Distribution, beta: Distribution)
    /// Renewal number n succeeds with `rates[min(n, rates.count) − 1] · scale`, clamped to [0, 1].
    case curve(rates: [Double], scale: Distribution)
    /// Every renewal succeeds with the probability a response curve gives for the segment's
    /// retention spend per active customer per period (docs/optimization.md "Response curves");
    /// written `{"model": "constant", "rate": {"response": …}}`.
    case constantResponse(ResponseCurve)
    /// Non-contractual retention by recency (docs/model.md "Recency: customers who lapse"): a
    /// customer at recency j (periods since the last purchase, 1 ≤ j ≤ k) purchases with
    /// probability `purchaseProbability[j − 1]`; a purchase resets the recency, a customer who
    /// reaches recency k + 1 is lost.
    case recency(purchaseProbability: [Distribution])
}

extension Array where Element == Segment {
    /// Indices of the segments a customer of segment `s` can reach by migration, `s` first,
    /// breadth first; targets that name no segment are skipped.
    ///
    /// - Complexity: O(S + Σ migrations).
    func reachableByMigration(from s: Int, index: [String: Int]) -> [Int] {
        var order = [s]
        var seen: Set<Int> = [s]
        var i = 0
        while i < order.count {
            for migration in self[order[i]].migration {
                if let d = index[migration.to], seen.insert(d).inserted { order.append(d) }
            }
            i += 1
        }
        return order
    }
}

/// A move at renewal into another segment (docs/model.md "Migration between segments").
public struct Migration: Sendable, Equatable {
    /// The segment the customer moves into.
    public var to: String
    /// Probability of moving, conditional on renewing; drawn once per trial.
    public var probability: Distribution

    public init(to: String, probability: Distribution) {
        self.to = to
        self.probability = probability
    }
}

/// Per-customer spend heterogeneity: multiplier ~ Gamma(shape, 1/shape), mean 1, variance 1/shape.
public struct RevenueVariation: Sendable, Equatable {
    /// Shape k > 0 of the Gamma multiplier.
    public var shape: Double
    public init(shape: Double) { self.shape = shape }
}

/// Referral behaviour: each new customer brings N ~ Poisson(K) new customers (docs/model.md, "Referrals").
public struct Referrals: Sendable, Equatable {
    /// Viral coefficient K ≥ 0, drawn once per trial.
    public var coefficient: Distribution
    /// Periods between a referrer's acquisition and their referrals' acquisition (≥ 1).
    public var cyclePeriods: Int
    /// Segment the referred customers join; nil means the referrer's own segment.
    public var into: String?

    public init(coefficient: Distribution, cyclePeriods: Int, into: String? = nil) {
        self.coefficient = coefficient
        self.cyclePeriods = cyclePeriods
        self.into = into
    }
}
