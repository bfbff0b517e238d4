/// Failures of the LAPACK-backed routines, as values a caller can explain to a user.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Cholesky failed: the leading minor of this order (1-based) is not positive definite.
    case notPositiveDefinite(leadingMinor: Int)
    /// Least squares failed: the matrix does not have full rank (diagonal element, 1-based).
    case rankDeficient(column: Int)
    /// An LU solve failed: this pivot (1-based) of the triangular factor is exactly zero.
    case singular(pivot: Int)
    /// Operand shapes do not agree.
    case dimensionMismatch(String)
    /// A dimension exceeds what the 32-bit BLAS interface can address.
    case tooLarge(Int)

    public var description: String {
        switch self {
        case .notPositiveDefinite(let k):
            return "the matrix is not positive definite: its leading minor of order \(k) is not positive"
        case .rankDeficient(let c):
            return "the matrix does not have full rank (diagonal element \(c) of its triangular factor is zero)"
        case .singular(let k):
            return "the matrix is singular (pivot \(k) of its LU factorisation is zero)"
        case .dimensionMismatch(let what):
            return "dimension mismatch: \(what)"
        case .tooLarge(let n):
            return "dimension \(n) is too large for the BLAS interface"
        }
    }
}
