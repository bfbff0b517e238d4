/// One per-trial metric of a run: a column of `trials.csv` and of a shard, summarised as a Stat
/// in `summary.json` (docs/model.md "What a run reports", docs/results.md "trials.csv").
///
/// This type is the one definition of every column: its place in a run's `MetricLayout`, its
/// name, unit and meaning. Writers and readers go through it; nothing finds a column by a
/// string written out in code. Segments, strategies and extra discount rates are referred to by
/// their position in the scenario (or in the run's extra rates); `MetricLayout` names them.
public enum TrialMetric: Hashable, Sendable {
    /// Current + new + referred customer value − acquisition spend − retention spend.
    case customerEquity
    /// Discounted margin less service cost of the current customers.
    case currentCustomerValue
    /// The same for the customers bought by acquisition plans.
    case newCustomerValue
    /// The same for referred customers.
    case referralValue
    /// Discounted acquisition spend.
    case acquisitionSpend
    /// Discounted retention spend (response-curve retention, docs/optimization.md).
    case retentionSpend
    /// Expected discounted value of one new customer of a segment acquired in period 1.
    case clv(segment: Int)
    /// `clv` including the expected value of the referral tree.
    case clvWithReferrals(segment: Int)
    /// Expected discounted value of one current customer of a segment.
    case residualClv(segment: Int)
    /// `clv` over the effective acquisition cost of the segment's budget plans.
    case ltvToCac(segment: Int)
    /// The infinite-horizon value of one new customer of a segment whose state chain does not
    /// change with tenure, D_1·[(I − v·Q)⁻¹·c]_0 (docs/model.md "Expected values of the state
    /// chains"); undefined (NaN) when it is infinite (no discounting and customers who never
    /// leave). At the scenario's own discount rate only, like `recencyValue`: extra rates add
    /// no value-by-state columns (docs/results.md "Customers by state").
    case perpetualClv(segment: Int)
    /// The value over the horizon of one customer of a recency segment who is at recency
    /// `recency` (1 … k periods since the last purchase) in period 1, discounted to its start.
    case recencyValue(segment: Int, recency: Int)
    /// Customer equity with the strategy's changes, before its cost, less the baseline's.
    case incrementalValue(strategy: Int)
    /// The strategy's discounted cost.
    case cost(strategy: Int)
    /// `incrementalValue − cost`.
    case netValue(strategy: Int)
    /// `netValue / cost`; undefined (NaN) when the cost is zero.
    case romi(strategy: Int)
    /// The part of a strategy's `incrementalValue` that comes from one segment: the change in
    /// the value of the segment's customers less the spend of its plans (the parts add up to
    /// `incrementalValue`).
    case segmentIncrementalValue(strategy: Int, segment: Int)
    /// The first period from which the strategy's cumulative discounted net cash flow stays
    /// non-negative; undefined (NaN) when it does not within the horizon.
    case paybackPeriod(strategy: Int)
    /// Customer equity at the run's extra annual discount rate number `rate`.
    case customerEquityAtRate(rate: Int)
    /// A segment's `clv` at extra rate number `rate`.
    case clvAtRate(segment: Int, rate: Int)
    /// A strategy's `netValue` at extra rate number `rate` (incremental cash and cost both
    /// discounted at it).
    case netValueAtRate(strategy: Int, rate: Int)
    /// A strategy's `romi` at extra rate number `rate`.
    case romiAtRate(strategy: Int, rate: Int)

    /// The headline metrics, in report order: customer equity and its components.
    public static let headline: [TrialMetric] = [
        .customerEquity, .currentCustomerValue, .newCustomerValue, .referralValue, .acquisitionSpend, .retentionSpend,
    ]

    /// The unit of a metric's values.
    public enum Unit: String, Sendable {
        /// An amount in the scenario's currency, discounted to the start of period 1.
        case money
        /// A dimensionless ratio.
        case ratio
        /// A number of periods.
        case periods
    }

    public var unit: Unit {
        switch self {
        case .ltvToCac, .romi, .romiAtRate: return .ratio
        case .paybackPeriod: return .periods
        default: return .money
        }
    }

    /// Whether a trial may leave the metric undefined (NaN) without the trial counting as one
    /// whose metrics were not finite: ROMI at zero cost, no payback, an infinite perpetual CLV.
    public var mayBeUndefined: Bool {
        switch self {
        case .romi, .romiAtRate, .paybackPeriod, .perpetualClv: return true
        default: return false
        }
    }

    /// The headline metrics' names in summary.json, and the plain words reports use for them.
    var headlineKey: (name: String, label: String)? {
        switch self {
        case .customerEquity: return ("customerEquity", "customer equity")
        case .currentCustomerValue: return ("currentCustomerValue", "current customers")
        case .newCustomerValue: return ("newCustomerValue", "acquired customers")
        case .referralValue: return ("referralValue", "referred customers")
        case .acquisitionSpend: return ("acquisitionSpend", "acquisition spend")
        case .retentionSpend: return ("retentionSpend", "retention spend")
        default: return nil
        }
    }

    /// The key of a per-segment or per-strategy metric inside its segment's or strategy's object
    /// in summary.json (`clv`, `netValue`, …); nil for the others.
    public var memberKey: String? {
        switch self {
        case .clv: return "clv"
        case .clvWithReferrals: return "clvWithReferrals"
        case .residualClv: return "residualClv"
        case .ltvToCac: return "ltvToCac"
        case .perpetualClv: return "perpetualClv"
        case .recencyValue: return "value"
        case .incrementalValue: return "incrementalValue"
        case .cost: return "cost"
        case .netValue: return "netValue"
        case .romi: return "romi"
        case .segmentIncrementalValue: return "incrementalValue"
        case .paybackPeriod: return "paybackPeriod"
        case .clvAtRate: return "clv"
        case .netValueAtRate: return "netValue"
        case .romiAtRate: return "romi"
        default: return headlineKey?.name
        }
    }

    /// What a reader calls a headline metric ("customer equity", "acquired customers", …).
    public var label: String? { headlineKey?.label }
}
