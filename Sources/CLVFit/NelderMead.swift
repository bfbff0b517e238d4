/// The Nelder–Mead downhill-simplex minimiser, with restarts.
///
/// A simplex of n + 1 points in ℝⁿ moves by reflection (coefficient 1), expansion (2),
/// contraction (½) and shrinking (½) towards lower values of f. The search stops when the
/// simplex is small both in f (spread ≤ `valueTolerance`) and in x (largest coordinate distance
/// from the best point ≤ `pointTolerance`), then restarts from a fresh simplex around the best
/// point until a restart no longer improves f: this guards against the collapsed simplices that
/// can stall the plain method. Non-finite values of f count as +∞, so the objective may return
/// `.nan` or `.infinity` outside its domain.
public struct NelderMead: Sendable {
    /// Largest spread of f over the simplex at convergence.
    public var valueTolerance: Double
    /// Largest distance (per coordinate) of the simplex from its best point at convergence.
    public var pointTolerance: Double
    /// The size of the first simplex: each other vertex moves one coordinate by this much.
    public var initialStep: Double
    /// The most evaluations of f before giving up.
    public var maxEvaluations: Int
    /// The most restarts after the first convergence.
    public var maxRestarts: Int

    /// A minimiser with the given tolerances and limits.
    ///
    /// - Complexity: O(1).
    public init(valueTolerance: Double = 1e-10, pointTolerance: Double = 1e-8,
                initialStep: Double = 0.5, maxEvaluations: Int = 20_000, maxRestarts: Int = 5) {
        self.valueTolerance = valueTolerance
        self.pointTolerance = pointTolerance
        self.initialStep = initialStep
        self.maxEvaluations = maxEvaluations
        self.maxRestarts = maxRestarts
    }

    /// The outcome of a minimisation.
    public struct Result: Sendable, Equatable {
        /// The best point found.
        public var point: [Double]
        /// f at `point`.
        public var value: Double
        /// How many times f was evaluated.
        public var evaluations: Int
        /// Whether the tolerances were met before `maxEvaluations`.
        public var converged: Bool
    }

    /// Minimises `f` starting from `start`.
    ///
    /// - Complexity: O(e · (n + cost of f)) for e evaluations in dimension n, plus O(n log n) per
    ///   iteration for ordering the simplex.
    public func minimize(_ f: ([Double]) -> Double, from start: [Double]) -> Result {
        let n = start.count
        var evaluations = 0
        func value(_ x: [Double]) -> Double {
            evaluations += 1
            let v = f(x)
            return v.isFinite ? v : .infinity
        }
        guard n > 0 else {
            return Result(point: [], value: value([]), evaluations: evaluations, converged: true)
        }
        var best = start
        var bestValue = value(start)
        var converged = false
        for restart in 0...maxRestarts {
            let before = bestValue
            let run = descend(value, from: best, fromValue: bestValue, evaluations: { evaluations })
            best = run.point
            bestValue = run.value
            converged = run.converged
            if !converged { break }
            if restart > 0, before - bestValue <= valueTolerance * (1 + abs(bestValue)) { break }
        }
        return Result(point: best, value: bestValue, evaluations: evaluations, converged: converged)
    }

    /// One Nelder–Mead descent from a fresh simplex around `start`.
    private func descend(_ value: ([Double]) -> Double, from start: [Double], fromValue: Double,
                         evaluations: () -> Int) -> (point: [Double], value: Double, converged: Bool) {
        let n = start.count
        var simplex = [start]
        var values = [fromValue]
        for i in 0..<n {
            var x = start
            x[i] += initialStep
            simplex.append(x)
            values.append(value(x))
        }
        func combine(_ a: [Double], _ b: [Double], _ t: Double) -> [Double] {
            // a + t·(b − a)
            var r = a
            for i in 0..<r.count { r[i] = a[i] + t * (b[i] - a[i]) }
            return r
        }
        while true {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let spread = values[n] - values[0]
            var size = 0.0
            for v in 1...n { for i in 0..<n { size = max(size, abs(simplex[v][i] - simplex[0][i])) } }
            if values[0].isFinite, spread <= valueTolerance * (1 + abs(values[0])), size <= pointTolerance {
                return (simplex[0], values[0], true)
            }
            if evaluations() >= maxEvaluations { return (simplex[0], values[0], false) }

            var centroid = [Double](repeating: 0, count: n)
            for v in 0..<n { for i in 0..<n { centroid[i] += simplex[v][i] / Double(n) } }
            let worst = simplex[n]
            let reflected = combine(centroid, worst, -1)
            let fr = value(reflected)
            if fr < values[0] {
                let expanded = combine(centroid, worst, -2)
                let fe = value(expanded)
                if fe < fr {
                    simplex[n] = expanded; values[n] = fe
                } else {
                    simplex[n] = reflected; values[n] = fr
                }
                continue
            }
            if fr < values[n - 1] {
                simplex[n] = reflected; values[n] = fr
                continue
            }
            // Contract, outside when the reflection beat the worst point, inside otherwise.
            let outside = fr < values[n]
            let contracted = outside ? combine(centroid, worst, -0.5) : combine(centroid, worst, 0.5)
            let fc = value(contracted)
            if fc < (outside ? fr : values[n]) {
                simplex[n] = contracted; values[n] = fc
                continue
            }
            // Shrink towards the best point.
            for v in 1...n {
                simplex[v] = combine(simplex[0], simplex[v], 0.5)
                values[v] = value(simplex[v])
            }
        }
    }
}
