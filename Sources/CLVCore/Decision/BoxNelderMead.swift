import Foundation

/// Nelder–Mead maximisation over a box, on box-scaled variables (docs/optimization.md "What the
/// optimiser does").
///
/// Each variable x_i ∈ [min_i, max_i] is written x_i = min_i + (max_i − min_i) · (1 − cos πz_i)/2
/// with z_i unconstrained: every z is feasible, the bounds are reached at whole z, and the map
/// is smooth, so the simplex never leaves the box and an optimum on a bound is found like any
/// other. The simplex (reflection 1, expansion 2, contraction ½, shrink ½) stops when every
/// vertex is within `tolerance` of the best in every z_i; the search then restarts from the best
/// point with a fresh simplex, and stops when a restart no longer improves it.
///
/// Because |dx_i/dz_i| ≤ (π/2)(max_i − min_i), the optimum is located to within
/// (π/2) · tolerance · (max_i − min_i) in x_i (for a smooth objective, `locationTolerance`).
///
/// - Complexity: O(evaluations · d) arithmetic besides the evaluations; typically 20–60 · d
///   evaluations per restart, at most `maximumEvaluations`.
struct BoxNelderMead {
    let lower: [Double]
    let upper: [Double]
    var tolerance = 1e-4
    var maximumEvaluations = 600
    var restarts = 3

    /// The bound on the distance between the located point and the simplex's optimum, per variable.
    var locationTolerance: [Double] {
        zip(lower, upper).map { Double.pi / 2 * tolerance * ($1 - $0) }
    }

    func point(_ z: [Double]) -> [Double] {
        z.indices.map { i in lower[i] + (upper[i] - lower[i]) * (1 - cos(Double.pi * z[i])) / 2 }
    }

    /// z with `point(z) == x` for x in the box.
    func coordinates(_ x: [Double]) -> [Double] {
        x.indices.map { i in
            let width = upper[i] - lower[i]
            guard width > 0 else { return 0 }
            let y = min(max((x[i] - lower[i]) / width, 0), 1)
            return acos(1 - 2 * y) / Double.pi
        }
    }

    /// Maximises `f` from `start`; returns the best point, its value and the evaluations used.
    /// `f` may throw to stop the search.
    func maximise<E: Error>(from start: [Double], _ f: ([Double]) throws(E) -> Double) throws(E) -> (x: [Double], value: Double, evaluations: Int) {
        let d = start.count
        var evaluations = 0
        func g(_ z: [Double]) throws(E) -> Double {
            evaluations += 1
            let v = try f(point(z))
            return v.isNaN ? -.infinity : v
        }
        var best = coordinates(start)
        var bestValue = try g(best)
        guard d > 0 else { return (point(best), bestValue, evaluations) }
        var step = 0.25
        for _ in 0...restarts {
            var simplex = [best]
            var values = [bestValue]
            for i in 0..<d {
                var z = best
                z[i] += best[i] + step <= 1 ? step : -step
                simplex.append(z)
                values.append(try g(z))
            }
            while evaluations < maximumEvaluations {
                let order = values.indices.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
                simplex = order.map { simplex[$0] }
                values = order.map { values[$0] }
                let spread = simplex.dropFirst().map { v in zip(v, simplex[0]).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
                if spread < tolerance { break }
                var centroid = [Double](repeating: 0, count: d)
                for v in simplex.dropLast() { for i in 0..<d { centroid[i] += v[i] / Double(d) } }
                let worst = simplex[d]
                func along(_ t: Double) -> [Double] { (0..<d).map { centroid[$0] + t * (worst[$0] - centroid[$0]) } }
                let reflected = along(-1)
                let fr = try g(reflected)
                if fr > values[0] {
                    let expanded = along(-2)
                    let fe = try g(expanded)
                    if fe > fr { simplex[d] = expanded; values[d] = fe } else { simplex[d] = reflected; values[d] = fr }
                } else if fr > values[d - 1] {
                    simplex[d] = reflected; values[d] = fr
                } else {
                    let outside = fr > values[d]
                    let contracted = along(outside ? -0.5 : 0.5)
                    let fc = try g(contracted)
                    if fc > (outside ? fr : values[d]) {
                        simplex[d] = contracted; values[d] = fc
                    } else {
                        for j in 1...d {
                            simplex[j] = (0..<d).map { simplex[0][$0] + 0.5 * (simplex[j][$0] - simplex[0][$0]) }
                            values[j] = try g(simplex[j])
                        }
                    }
                }
            }
            let top = values.indices.max { values[$0] < values[$1] || (values[$0] == values[$1] && $0 > $1) } ?? 0
            let improved = values[top] > bestValue
            if values[top] >= bestValue { best = simplex[top]; bestValue = values[top] }
            if !improved && step < 0.25 { break }
            if evaluations >= maximumEvaluations { break }
            step = 0.05
        }
        return (point(best), bestValue, evaluations)
    }
}
