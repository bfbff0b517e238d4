import CLVLinearAlgebra

/// Standard errors from the observed information: the negative Hessian of the log-likelihood at
/// its maximum, inverted.
///
/// For a log-likelihood ℓ(θ) maximised at θ̂, the observed information is
/// `I(θ̂) = −∇²ℓ(θ̂)` and the asymptotic covariance of θ̂ is `I(θ̂)⁻¹`. The Hessian is taken by
/// central differences,
///
///     ∂²ℓ/∂θᵢ² ≈ (ℓ(θ + hᵢ) − 2ℓ(θ) + ℓ(θ − hᵢ)) / hᵢ²
///     ∂²ℓ/∂θᵢ∂θⱼ ≈ (ℓ(θ + hᵢ + hⱼ) − ℓ(θ + hᵢ − hⱼ) − ℓ(θ − hᵢ + hⱼ) + ℓ(θ − hᵢ − hⱼ)) / (4 hᵢ hⱼ)
///
/// whose error is O(h²) from truncation and O(ε|ℓ|/h²) from rounding; the fits evaluate it on
/// log-parameters, where a step of 10⁻³ balances the two.
public enum ObservedInformation {
    /// The Hessian of `f` at `x` by central differences with step `step` in every coordinate.
    ///
    /// - Complexity: 2n² + 1 evaluations of f in dimension n.
    public static func hessian(of f: ([Double]) -> Double, at x: [Double], step: Double = 1e-3) -> Matrix {
        let n = x.count
        var h = Matrix(rows: n, columns: n)
        let f0 = f(x)
        func at(_ moves: [(Int, Double)]) -> Double {
            var y = x
            for (i, d) in moves { y[i] += d }
            return f(y)
        }
        for i in 0..<n {
            h[i, i] = (at([(i, step)]) - 2 * f0 + at([(i, -step)])) / (step * step)
            for j in 0..<i {
                let v = (at([(i, step), (j, step)]) - at([(i, step), (j, -step)])
                         - at([(i, -step), (j, step)]) + at([(i, -step), (j, -step)])) / (4 * step * step)
                h[i, j] = v
                h[j, i] = v
            }
        }
        return h
    }

    /// The inverse of a symmetric positive-definite matrix (a covariance from an information).
    ///
    /// - Throws: `FitError` when the matrix is not positive definite or not finite: the
    ///   log-likelihood is then flat or not at a maximum in some direction, and the estimates
    ///   have no finite standard errors.
    /// - Complexity: O(n³).
    public static func inverse(ofInformation information: Matrix) throws -> Matrix {
        let n = information.rows
        guard information.elements.allSatisfy(\.isFinite) else {
            throw FitError("the log-likelihood's curvature at the estimate is not finite; the data do not identify the parameters")
        }
        do {
            _ = try BLAS.cholesky(information)
            let inverse = try BLAS.leastSquares(information, Matrix.identity(n))
            var symmetric = inverse
            for i in 0..<n {
                for j in 0..<i {
                    let v = 0.5 * (inverse[i, j] + inverse[j, i])
                    symmetric[i, j] = v
                    symmetric[j, i] = v
                }
            }
            return symmetric
        } catch {
            throw FitError("the log-likelihood is flat at the estimate in some direction; the data do not identify the parameters")
        }
    }
}
