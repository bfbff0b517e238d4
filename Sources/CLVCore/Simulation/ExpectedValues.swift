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
/// - Complexity: O(S · H).
struct ExpectedValues {
    var clv: [Double]
    var clvWithReferrals: [Double]
    var residualClv: [Double]

    init(model: SimulationModel, parameters: TrialParameters, schedules: [SegmentSchedule], discount: [Double]) {
        let horizon = model.horizon
        let segmentCount = schedules.count
        let v = horizon > 1 ? discount[1] / discount[0] : 1
        // prefix[s][m] = Σ_{k=0}^{m} S(k)·e(k)·v^k
        var prefix = [[Double]](repeating: [], count: segmentCount)
        clv = []
        residualClv = []
        for (s, schedule) in schedules.enumerated() {
            var sums = [Double](repeating: 0, count: horizon)
            var survival = 1.0, vk = 1.0, total = 0.0
            for k in 0..<horizon {
                survival *= schedule.newRenewal[k]
                total += survival * (schedule.newMargin[k] - schedule.serviceCost) * vk
                sums[k] = total
                vk *= v
            }
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
}
