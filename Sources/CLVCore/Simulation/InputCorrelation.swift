import CLVLinearAlgebra
import CLVRandom
import Foundation

/// The scenario's rank correlations as a Gaussian copula (docs/scenario-format.md, "Correlations"; docs/analysis.md).
///
/// The inputs named in `correlations` get normal scores z = L·ε, where ε are independent standard
/// normal scores Φ⁻¹(u) of each input's own uniform draw and L is the lower Cholesky factor
/// (LAPACK dpotrf) of the normal-score correlation matrix. A Spearman rank correlation ρ_s
/// between two inputs needs the normal-score correlation ρ = 2·sin(π·ρ_s/6), the exact relation
/// for a Gaussian copula. Each input is then drawn as `quantile(Φ(z))`, so every marginal stays
/// exactly the distribution the scenario gives it.
struct InputCorrelation: Sendable {
    /// Indices (in `Scenario.inputs`) of the correlated inputs, in increasing order.
    let inputs: [Int]
    /// Lower Cholesky factor of their normal-score correlation matrix.
    let factor: Matrix

    /// - Returns: nil when the scenario has no correlations.
    /// - Throws: `SimulationError.invalid` when a path names no uncertain input or the matrix is not
    ///   positive definite (the scenario reader reports both with the offending pairs first).
    init?(scenario: Scenario, layout: InputLayout) throws(SimulationError) {
        guard !scenario.correlations.isEmpty else { return nil }
        var pairs: [(Int, Int, Double)] = []
        for (c, correlation) in scenario.correlations.enumerated() {
            guard correlation.between.count == 2 else {
                throw .invalid("correlations[\(c)]: needs exactly two paths")
            }
            var ends: [Int] = []
            for path in correlation.between {
                guard let index = layout.index(ofPath: path) else {
                    throw .invalid("correlations[\(c)]: '\(path)' is not the path of a distribution in this scenario")
                }
                ends.append(index)
            }
            pairs.append((ends[0], ends[1], correlation.rank))
        }
        let inputs = Array(Set(pairs.flatMap { [$0.0, $0.1] })).sorted()
        var matrix = Matrix.identity(inputs.count)
        for (a, b, rank) in pairs {
            guard let i = inputs.firstIndex(of: a), let j = inputs.firstIndex(of: b), i != j else {
                throw .invalid("a correlation relates an input to itself")
            }
            let rho = 2 * sin(Double.pi * rank / 6)
            matrix[i, j] = rho
            matrix[j, i] = rho
        }
        do {
            factor = try BLAS.cholesky(matrix)
        } catch {
            throw .invalid("the correlation matrix is not positive definite: \(error)")
        }
        self.inputs = inputs
    }
}
