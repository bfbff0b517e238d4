import CLVLinearAlgebra
import Foundation

/// Maximum-likelihood estimates of positive parameters, with their covariance from the observed
/// information.
public struct MaximumLikelihoodEstimate: Sendable, Equatable {
    /// The parameters' names, in order (for example `["alpha", "beta"]`).
    public var names: [String]
    /// The estimates θ̂.
    public var values: [Double]
    /// The asymptotic covariance of θ̂, the inverse observed information.
    public var covariance: Matrix
    /// The maximised log-likelihood ℓ(θ̂).
    public var logLikelihood: Double
    /// Number of observations the likelihood is built on (customers).
    public var observations: Int

    /// An estimate from its parts.
    ///
    /// - Complexity: O(1).
    public init(names: [String], values: [Double], covariance: Matrix, logLikelihood: Double, observations: Int) {
        self.names = names
        self.values = values
        self.covariance = covariance
        self.logLikelihood = logLikelihood
        self.observations = observations
    }

    /// Standard errors: square roots of the covariance's diagonal.
    public var standardErrors: [Double] {
        (0..<values.count).map { covariance[$0, $0].squareRoot() }
    }

    /// The correlation of estimates i and j, `Σᵢⱼ / (σᵢ σⱼ)`.
    ///
    /// - Complexity: O(n) for n parameters.
    public func correlation(_ i: Int, _ j: Int) -> Double {
        let s = standardErrors
        return covariance[i, j] / (s[i] * s[j])
    }

    /// Akaike's information criterion, `2k − 2ℓ(θ̂)` for k parameters: lower is better.
    public var aic: Double { 2 * Double(values.count) - 2 * logLikelihood }

    /// The estimate named `name`, if any.
    ///
    /// - Complexity: O(n) for n parameters.
    public subscript(name: String) -> Double? {
        names.firstIndex(of: name).map { values[$0] }
    }
}

/// Maximum-likelihood fitting of positive parameters by Nelder–Mead on their logarithms.
///
/// Working with φ = log θ keeps every trial point in the domain and makes the likelihood closer
/// to quadratic. At the maximum the gradient vanishes, so the covariance transforms exactly to
/// the natural scale by the delta method: `Cov(θ̂) = D · Cov(φ̂) · D` with `D = diag(θ̂)`.
public enum MaximumLikelihood {
    /// Parameters beyond `exp(±logBound)` are taken as a fit that ran off to a boundary.
    static let logBound = 25.0

    /// Maximises `logLikelihood(θ)` over θ > 0 from the starting point `start`.
    ///
    /// - Parameters:
    ///   - names: the parameters' names.
    ///   - start: a starting point, every element > 0.
    ///   - observations: the number of observations, recorded in the estimate.
    ///   - logLikelihood: ℓ(θ); may return `-.infinity` or `.nan` where θ is impossible.
    /// - Throws: `FitError` when the optimiser does not converge, an estimate runs off to 0 or
    ///   ∞, or the information is not positive definite.
    /// - Complexity: O(e · c) for e likelihood evaluations of cost c (a few hundred for 2 or 3
    ///   parameters), plus 2n² + 1 evaluations for the Hessian.
    public static func fit(names: [String], start: [Double], observations: Int,
                           logLikelihood: ([Double]) -> Double) throws -> MaximumLikelihoodEstimate {
        func objective(_ phi: [Double]) -> Double {
            if phi.contains(where: { abs($0) > logBound }) { return .infinity }
            return -logLikelihood(phi.map { exp($0) })
        }
        let optimiser = NelderMead()
        let result = optimiser.minimize(objective, from: start.map { log($0) })
        guard result.value.isFinite else {
            throw FitError("the log-likelihood is not finite anywhere the search went; the data cannot be fitted")
        }
        guard result.converged else {
            throw FitError("the maximum-likelihood search did not converge in \(optimiser.maxEvaluations) evaluations")
        }
        if let i = result.point.firstIndex(where: { abs($0) > logBound - 2 }) {
            let direction = result.point[i] > 0 ? "infinity" : "zero"
            throw FitError("the estimate of \(names[i]) runs off to \(direction); the data do not identify it")
        }
        let hessian = ObservedInformation.hessian(of: { -objective($0) }, at: result.point)
        var information = hessian
        for k in 0..<information.elements.count { information.elements[k] = -hessian.elements[k] }
        let logCovariance = try ObservedInformation.inverse(ofInformation: information)
        let theta = result.point.map { exp($0) }
        var covariance = logCovariance
        for i in 0..<theta.count { for j in 0..<theta.count { covariance[i, j] *= theta[i] * theta[j] } }
        return MaximumLikelihoodEstimate(names: names, values: theta, covariance: covariance,
                                         logLikelihood: -result.value, observations: observations)
    }
}
