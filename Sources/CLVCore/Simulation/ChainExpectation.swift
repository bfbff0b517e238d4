import CLVLinearAlgebra

/// Exact expected values of one customer on a segment's `CustomerChain` given a trial's
/// parameters, by matrix products on OpenBLAS (docs/model.md "Expected values of the state
/// chains").
///
/// With Q_k the chain's transition matrix at tenure k (Q_k[i, j] = probability that a customer in
/// state i this period is in state j the next) and c_k the expected cash of a customer in each
/// state (margin of the state and of its outcomes, less service cost):
/// - the state distribution of a customer evolves as π_{k+1} = Q_kᵀ·π_k, and their expected cash
///   at tenure k is e(k) = π_k·c_k (`expectedCash`);
/// - the value of a customer in each state, V_0 = Σ_{t<H} (Π_{m<t} v·Q_m)·c_t, is computed
///   backwards as V_t = c_t + v·Q_t·V_{t+1} (`stateValues`);
/// - when neither Q nor c depends on tenure (constant or recency retention without growth), the
///   infinite-horizon values solve (I − v·Q)·V = c by an LU factorisation (`perpetualValues`).
///
/// - Complexity: O(n²) per period for n states (one dense matrix–vector product); O(n³) for the
///   LU solve. `ScenarioLimits.maximumChainStates` bounds n.
struct ChainExpectation {
    let chain: CustomerChain
    let parameters: [SegmentParameters]
    let scenario: Scenario
    /// Whether Q and c are the same at every tenure: every reachable segment keeps its renewal
    /// probability (constant or recency retention) and its revenue (no growth).
    let isTimeInvariant: Bool
    private var probability: [Double]
    private var next: [Int]
    private var margin: [Double]
    /// Q_k and c_k of the last tenure built, kept for a chain that does not change with tenure.
    private var transition: Matrix
    private var cash: [Double]
    private var built = false

    init(chain: CustomerChain, parameters: [SegmentParameters], scenario: Scenario) {
        self.chain = chain
        self.parameters = parameters
        self.scenario = scenario
        probability = [Double](repeating: 0, count: chain.maximumOutcomes)
        next = [Int](repeating: 0, count: chain.maximumOutcomes)
        margin = probability
        transition = Matrix(rows: chain.stateCount, columns: chain.stateCount)
        cash = [Double](repeating: 0, count: chain.stateCount)
        isTimeInvariant = chain.isTenureFree(parameters)
    }

    /// Q_k and c_k at tenure k (per unit of spend multiplier, whose mean is 1); built once for a
    /// chain that does not change with tenure.
    ///
    /// - Complexity: O(n² + Σ outcomes) when built.
    mutating func step(tenure k: Int) -> (transition: Matrix, cash: [Double]) {
        if built && isTimeInvariant { return (transition, cash) }
        let n = chain.stateCount
        for i in transition.elements.indices { transition.elements[i] = 0 }
        for i in 0..<n {
            var value = chain.stateMargin(i, tenure: k, parameters, periodsPerYear: scenario.periodsPerYear)
                - chain.stateService(i, parameters)
            let count = probability.withUnsafeMutableBufferPointer { p in
                next.withUnsafeMutableBufferPointer { nx in
                    margin.withUnsafeMutableBufferPointer { m in
                        chain.outcomes(i, tenure: k, parameters, scenario: scenario, probability: p.baseAddress!,
                                       next: nx.baseAddress!, margin: m.baseAddress!)
                    }
                }
            }
            for o in 0..<count {
                value += probability[o] * margin[o]
                if next[o] >= 0 { transition[i, next[o]] += probability[o] }
            }
            cash[i] = value
        }
        built = true
        return (transition, cash)
    }

    /// e(0 … periods − 1): the expected cash of a customer who starts in `state` at tenure
    /// `tenure` (after one transition from it first, with `renewsFirst`).
    mutating func expectedCash(state: Int, tenure: Int, renewsFirst: Bool, periods: Int) -> [Double] {
        var pi = [Double](repeating: 0, count: chain.stateCount)
        pi[state] = 1
        var result = [Double](repeating: 0, count: periods)
        var scratch = pi
        if renewsFirst {
            let (q, _) = step(tenure: tenure - 1)
            try? BLAS.gemv(q, transpose: true, pi, into: &scratch)
            swap(&pi, &scratch)
        }
        for t in 0..<periods {
            let (q, c) = step(tenure: tenure + t)
            var e = 0.0
            for i in pi.indices { e += pi[i] * c[i] }
            result[t] = e
            guard t + 1 < periods else { break }
            try? BLAS.gemv(q, transpose: true, pi, into: &scratch)
            swap(&pi, &scratch)
        }
        return result
    }

    /// V_0: the value over `periods` periods, discounted by v per period to the first, of a
    /// customer in each state at tenure `tenure`.
    mutating func stateValues(tenure: Int, periods: Int, v: Double) -> [Double] {
        var value = [Double](repeating: 0, count: chain.stateCount)
        for t in stride(from: periods - 1, through: 0, by: -1) {
            var (q, c) = step(tenure: tenure + t)
            try? BLAS.gemv(q, value, alpha: v, beta: 1, into: &c)
            value = c
        }
        return value
    }

    /// The infinite-horizon values (I − v·Q)⁻¹·c of a customer in each state, or nil when the
    /// chain changes with tenure or the system is singular (v·Q with an eigenvalue 1: a customer
    /// who never leaves and is not discounted).
    mutating func perpetualValues(v: Double) -> [Double]? {
        guard isTimeInvariant else { return nil }
        let n = chain.stateCount
        let (q, c) = step(tenure: 0)
        var a = Matrix(rows: n, columns: n)
        for i in 0..<n {
            for j in 0..<n { a[i, j] = (i == j ? 1 : 0) - v * q[i, j] }
        }
        guard let rhs = try? Matrix(rows: n, columns: 1, columnMajor: c),
              let x = try? BLAS.solve(a, rhs) else { return nil }
        return x.elements
    }
}
