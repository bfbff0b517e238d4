extension RandomNumberGenerator {
    /// A uniform draw from the open interval (0, 1): `(⌊x / 2¹²⌋ + ½) · 2⁻⁵²` for 64 random bits `x`.
    ///
    /// Never returns 0 or 1, so `log(u)` and `log(1 − u)` are always finite.
    /// - Complexity: O(1).
    @inlinable @inline(__always)
    public mutating func nextOpenUnit() -> Double {
        (Double(next() >> 12) + 0.5) * 0x1p-52
    }
}
