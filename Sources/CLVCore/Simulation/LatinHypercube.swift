import CLVRandom

/// Latin hypercube sampling of the per-trial inputs (McKay, Beckman & Conover 1979).
///
/// For every uncertain input, (0, 1) is cut into N equal strata, N the number of trials, and
/// trial t draws its uniform from stratum π(t): u = (π(t) + v)/N with v the trial's own uniform
/// draw and π a random permutation of 0 … N−1 proper to the input, made by a Fisher–Yates shuffle
/// of the stream (seed, input). Every marginal stays exactly uniform; the inputs' empirical
/// distributions are evenly spread, which lowers the variance of means of smooth outputs.
/// Correlated inputs pass their stratified uniforms through the copula as usual.
///
/// - Complexity: O(N) time and 4·N bytes per uncertain input, before the run.
struct LatinHypercube: Sendable {
    /// permutation[k][t]: the stratum of trial t for the k-th uncertain input.
    let strata: [[UInt32]]
    let trials: Int

    init(model: SimulationModel, seed: UInt64, trials: Int) {
        self.trials = trials
        strata = model.uncertainInputs.map { i in
            var order = (0..<trials).map { UInt32(truncatingIfNeeded: $0) }
            var rng = RandomStream(seed: seed, trial: 0, purpose: .latinHypercube, key: model.inputKeys[i])
            if trials > 1 {
                for j in stride(from: trials - 1, to: 0, by: -1) {
                    let k = Int(rng.next(upperBound: UInt64(j + 1)))
                    order.swapAt(j, k)
                }
            }
            return order
        }
    }

    /// The stratified uniform of uncertain input number `k` in trial `t`, from its own draw `v`.
    func uniform(input k: Int, trial t: Int, draw v: Double) -> Double {
        (Double(strata[k][t]) + v) / Double(trials)
    }
}
