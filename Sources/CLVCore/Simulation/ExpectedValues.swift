/// Exact conditional expectations of one customer's value given a trial's parameters (docs/model.md "What a run reports").
///
/// With S(k) the probability that a new customer is active at tenure k (S(0) = 1,
/// S(k) = S(k−1)·q_k), e(k) the margin less service cost of an active customer at tenure k, and
/// D_t the discount factor of period t (with D_{t+k} = D_t·v^k, v = 1/(1+d)):
///
/// - `clv` = Σ_{k=0}^{H−1} S(k)·e(k)·D_{1+k}: a new customer acquired in period 1;
/// - value of a new customer acquired in period t₀, A(t₀) = D_{t₀}·Σ_{k=0}^{H−t₀} S(k)·e(k)·v^k,
///   from prefix sums;
/// - `clvWithReferrals` = V_s(1) with V_s(t₀) = A_s(t₀) + K_s·V_{into(s)}(t₀ + c_s) (0 past H):
///   each new customer brings K_s referred customers on average, who refer in turn;
/// - `residualClv` = Σ_{t=1}^{H} S_cur(t)·e(renewals + t)·D_t with
///   S_cur(t) = Π_{n=renewals+1}^{renewals+t} q_n: one current customer, who must renew first.
///
/// For a segment with a state chain (recency, billing cycles, migration), S(k)·e(k) is the
/// chain's expected cash at tenure k and the current customers' expected cash is that of their
/// starting groups, weighted by their shares (`ChainExpectation`, docs/model.md "Expected values
/// of the state chains"); the chain also gives the value of a customer in each of its states and,
/// when it does not change with tenure, the infinite-horizon `perpetualClv` = D_1·[(I − v·Q)⁻¹·c]
/// of a new customer.
///
/// - Complexity: O(S · H), plus O(n² · H) per segment with a chain of n states.
struct ExpectedValues {
    var clv: [Double]
    var clvWithReferrals: [Double]
    var residualClv: [Double]
    /// Per segment: the expected cash of one new customer by tenure, S(k)·e(k) for
    /// k = 0 … H − 1 (undiscounted; tenure k is paid in period k + 1 of a customer acquired in
    /// period 1), from which `clv` is discounted at the trial's rate and at any other.
    var newCustomerCash: [[Double]]
    /// Per segment with recency retention: the value over the horizon of a customer at each
    /// recency 1 … k in period 1 (discounted to the start of period 1); empty for the others.
    var recencyValues: [[Double]]
    /// Per segment with a chain that does not change with tenure: the infinite-horizon value of
    /// a new customer acquired in period 1; NaN for the others.
    var perpetualClv: [Double]

    init(model: SimulationModel, parameters: TrialParameters, schedules: [SegmentSchedule], discount: [Double]) {
        let horizon = model.horizon
        let segmentCount = schedules.count
        let v = horizon > 1 ? discount[1] / discount[0] : 1
        // prefix[s][m] = Σ_{k=0}^{m} S(k)·e(k)·v^k
        var prefix = [[Double]](repeating: [], count: segmentCount)
        clv = []
        residualClv = []
        newCustomerCash = []
        recencyValues = [[Double]](repeating: [], count: segmentCount)
        perpetualClv = [Double](repeating: .nan, count: segmentCount)
        for (s, schedule) in schedules.enumerated() {
            var sums = [Double](repeating: 0, count: horizon)
            if let chain = model.chains[s] {
                var expectation = ChainExpectation(chain: chain, parameters: parameters.segments, scenario: model.scenario)
                let cash = expectation.expectedCash(state: 0, tenure: 0, renewsFirst: false, periods: horizon)
                newCustomerCash.append(cash)
                var vk = 1.0, total = 0.0
                for k in 0..<horizon {
                    total += cash[k] * vk
                    sums[k] = total
                    vk *= v
                }
                prefix[s] = sums
                clv.append(discount[0] * sums[horizon - 1])
                residualClv.append(Self.residualValue(of: chain, expectation: &expectation, segment: model.scenario.segments[s],
                                                      discount: discount))
                if chain.isRecency, let group = chain.currentGroups(model.scenario.segments[s]).first {
                    recencyValues[s] = expectation.stateValues(tenure: group.tenure, periods: horizon, v: v)
                        .dropFirst().map { discount[0] * $0 }
                }
                if let values = expectation.perpetualValues(v: v) { perpetualClv[s] = discount[0] * values[0] }
                continue
            }
            var survival = 1.0, vk = 1.0, total = 0.0
            var cash = [Double](repeating: 0, count: horizon)
            for k in 0..<horizon {
                survival *= schedule.newRenewal[k]
                cash[k] = survival * (schedule.newMargin[k] - schedule.serviceCost)
                total += cash[k] * vk
                sums[k] = total
                vk *= v
            }
            newCustomerCash.append(cash)
            prefix[s] = sums
            clv.append(discount[0] * sums[horizon - 1])
            var current = 1.0, residual = 0.0
            for j in 0..<horizon {
                current *= schedule.currentRenewal[j]
                residual += current * (schedule.currentMargin[j] - schedule.serviceCost) * discount[j]
            }
            residualClv.append(residual)
        }
        // V[s][t0 − 1] for t0 = H … 1.
        var value = [[Double]](repeating: [Double](repeating: 0, count: horizon), count: segmentCount)
        for t0 in stride(from: horizon, through: 1, by: -1) {
            for s in 0..<segmentCount {
                var total = discount[t0 - 1] * prefix[s][horizon - t0]
                let cycle = model.referralCycle[s]
                let k = parameters.segments[s].referralCoefficient
                if cycle > 0, k > 0, t0 + cycle <= horizon {
                    total += k * value[model.referralTarget[s]][t0 + cycle - 1]
                }
                value[s][t0 - 1] = total
            }
        }
        clvWithReferrals = value.map { $0[0] }
    }

    /// The expected value of one current customer of a segment with a chain: the groups of
    /// `CustomerChain.currentGroups`, weighted by their share of the customers (equal shares
    /// when the segment has none).
    private static func residualValue(of chain: CustomerChain, expectation: inout ChainExpectation, segment: Segment,
                                      discount: [Double]) -> Double {
        let groups = chain.currentGroups(segment)
        var total = 0.0
        for group in groups {
            let weight = segment.customers > 0 ? Double(group.count) / Double(segment.customers) : 1 / Double(groups.count)
            guard weight > 0 else { continue }
            let cash = expectation.expectedCash(state: group.state, tenure: group.tenure, renewsFirst: group.renewsFirst,
                                                periods: discount.count)
            for t in cash.indices { total += weight * cash[t] * discount[t] }
        }
        return total
    }
}
