/// Purchase probabilities by recency, the non-contractual retention model, estimated from a
/// transaction log as conjugate Beta posteriors.
///
/// The log is bucketed into periods (`PurchasePeriod`). A customer's state in a period is their
/// recency: the number of periods since their last purchase period. The first purchase period
/// is acquisition (recency 0). In each later period a customer at recency j (1 ≤ j ≤ k)
/// purchases with probability pⱼ; a purchase resets recency to 0, so the next period starts at
/// recency 1; no purchase moves them to j + 1; recency k + 1 is lost for good.
///
/// Every customer is followed from the period after their acquisition to the last complete
/// period of the observation window (or until they reach recency k + 1). Over all customers,
/// eⱼ counts the periods started at recency j (exposures) and xⱼ those of them with a purchase.
/// The likelihood is `Π pⱼ^xⱼ (1 − pⱼ)^(eⱼ − xⱼ)`, so under independent uniform priors
/// Beta(1, 1) the posterior of each pⱼ is
///
///     pⱼ | data ~ Beta(1 + xⱼ, 1 + eⱼ − xⱼ)
///
/// with mean (1 + xⱼ)/(2 + eⱼ). A state nobody reached keeps the uniform prior.
///
/// Customers who purchase again after reaching recency k + 1 break the model's assumption that
/// state k + 1 is absorbing; they are counted in `returnedAfterLoss` (their later purchases are
/// not used), and a large count says k is too small.
public struct RecencyFit: Sendable, Equatable {
    /// Exposures, purchases and the posterior of one recency state.
    public struct State: Sendable, Equatable {
        /// The recency j, 1 ≤ j ≤ k.
        public var recency: Int
        /// Periods started at recency j, eⱼ.
        public var exposures: Int
        /// Of those, periods with a purchase, xⱼ.
        public var purchases: Int

        /// The posterior of pⱼ under the uniform prior: Beta(1 + xⱼ, 1 + eⱼ − xⱼ).
        public var posterior: BetaPosterior { BetaPosterior(uniformPriorWithSuccesses: purchases, trials: exposures) }
    }

    /// The recency states 1…k in order.
    public var states: [State]
    /// The period length.
    public var period: PurchasePeriod
    /// The last day of the observation window.
    public var asOf: CalendarDate
    /// The index of the last complete period at `asOf` (see `PurchasePeriod.index(of:)`).
    public var lastPeriod: Int
    /// Whether the period holding `asOf` was left out because it is incomplete.
    public var droppedIncompletePeriod: Bool
    /// Customers acquired in a complete period of the window, all followed.
    public var customers: Int
    /// Customers acquired after the last complete period (not followed).
    public var customersAfterWindow: Int
    /// Followed customers who reached recency k + 1 within the window.
    public var lostCustomers: Int
    /// Of the lost customers, those who purchased again afterwards.
    public var returnedAfterLoss: Int

    /// The number of states, k.
    public var stateCount: Int { states.count }

    /// Fits k = `states` purchase probabilities to `log`, bucketed by `period`, observed up to
    /// `asOf` (default: the log's last purchase day). Only complete periods are used: when the
    /// period holding `asOf` ends after it, the window ends with the period before.
    ///
    /// - Throws: `FitError` when k < 1, a purchase lies after `asOf` (naming its line), no
    ///   customer was acquired in a complete period, or no customer was observed for a period
    ///   after their acquisition.
    /// - Complexity: O(n log n) for n transactions (sorting each customer's purchases), plus
    ///   O(k): each gap between two purchase periods adds its exposures in O(1) through a
    ///   difference array, however long the gap.
    public init(_ log: TransactionLog, states k: Int, period: PurchasePeriod, asOf: CalendarDate? = nil) throws {
        guard k >= 1 else { throw FitError("the number of recency states must be at least 1, not \(k)") }
        let end = asOf ?? (log.transactions.map(\.date).max() ?? CalendarDate(dayNumber: 0))
        if let late = log.transactions.first(where: { $0.date > end }) {
            throw FitError(line: late.line, "purchase on \(late.date) is after the end of the observation window \(end)")
        }
        var last = period.index(of: end)
        let dropped = period.lastDay(ofPeriod: last) > end
        if dropped { last -= 1 }

        // exposureSteps is a difference array: exposures of states lo…hi add 1 at lo, −1 at hi + 1.
        var exposureSteps = [Int](repeating: 0, count: k + 2)
        var purchases = [Int](repeating: 0, count: k + 1)
        var followed = 0, late = 0, lost = 0, returned = 0
        for (_, days) in log.purchaseDays() {
            var periods: [Int] = []
            periods.reserveCapacity(days.count)
            for day in days {
                let p = period.index(of: day.date)
                guard p <= last else { break }
                if periods.last != p { periods.append(p) }
            }
            guard var previous = periods.first else {
                late += 1
                continue
            }
            followed += 1
            var wasLost = false
            for p in periods.dropFirst() {
                let gap = p - previous
                if gap <= k {
                    // Recency 1…gap − 1 without a purchase, then a purchase at recency gap.
                    exposureSteps[1] += 1
                    exposureSteps[gap + 1] -= 1
                    purchases[gap] += 1
                    previous = p
                } else {
                    // Recency 1…k without a purchase, then lost; the purchase at p comes after.
                    exposureSteps[1] += 1
                    exposureSteps[k + 1] -= 1
                    wasLost = true
                    break
                }
            }
            if wasLost {
                lost += 1
                returned += 1
                continue
            }
            let tail = last - previous
            if tail >= 1 {
                exposureSteps[1] += 1
                exposureSteps[min(tail, k) + 1] -= 1
                if tail > k { lost += 1 }
            }
        }
        guard followed > 0 else {
            throw FitError("no customer made a first purchase in a complete \(period.rawValue) up to \(end); give a later --as-of or a shorter period")
        }
        var states: [State] = []
        var running = 0
        for j in 1...k {
            running += exposureSteps[j]
            states.append(State(recency: j, exposures: running, purchases: purchases[j]))
        }
        guard states[0].exposures > 0 else {
            throw FitError("no customer was observed for a \(period.rawValue) after their first purchase; the log must span at least two complete periods")
        }
        self.states = states
        self.period = period
        self.asOf = end
        self.lastPeriod = last
        self.droppedIncompletePeriod = dropped
        self.customers = followed
        self.customersAfterWindow = late
        self.lostCustomers = lost
        self.returnedAfterLoss = returned
    }
}
