#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// The 256-layer ziggurat of Marsaglia and Tsang ("The ziggurat method for generating random
/// variables", 2000) for the standard normal, with 52-bit uniforms as in NumPy's sampler.
///
/// The area under f(x) = exp(−x²/2) for x ≥ 0 is covered by 256 pieces of equal area v: a base
/// strip (the rectangle [0, r] × [0, f(r)] plus the tail beyond r) and 255 rectangles
/// [0, xᵢ] × [f(xᵢ), f(xᵢ₋₁)] with x₀ = 0 and x₂₅₅ = r. A draw picks a piece and a point in it
/// uniformly; points inside the curve are returned at once (over 99 % of draws), points in the
/// wedge of a rectangle are accepted by comparing with f, and points in the tail are drawn by
/// Marsaglia's exponential method. The result is exactly normal up to the rounding of the tables.
///
/// r and v solve the equal-area conditions for 256 pieces; both were computed to 40 digits
/// (x₁ from the recursion xᵢ₋₁ = √(−2 ln(v/xᵢ + f(xᵢ))) meets the top layer's area v).
@usableFromInline
struct NormalZiggurat: Sendable {
    /// The start of the tail, x₂₅₅.
    @usableFromInline static let r = 3.654152885361009
    /// The area of each piece: r·f(r) + ∫_r^∞ f.
    @usableFromInline static let v = 0.004928673233974655
    /// 2⁵² · (width of the piece that is entirely under the curve) / (width of the piece).
    @usableFromInline let accept: [UInt64]
    /// Width of piece i divided by 2⁵², so that a 52-bit integer times it is a point in the piece.
    @usableFromInline let width: [Double]
    /// f(xᵢ): the heights of the layer boundaries.
    @usableFromInline let height: [Double]

    /// The tables, built once.
    @usableFromInline static let shared = NormalZiggurat()

    init() {
        let m = 0x1p52
        let f = { (x: Double) in exp(-0.5 * x * x) }
        var accept = [UInt64](repeating: 0, count: 256)
        var width = [Double](repeating: 0, count: 256)
        var height = [Double](repeating: 0, count: 256)
        var x = Self.r
        var previous = x
        let q = Self.v / f(x)  // width of the base strip
        accept[0] = UInt64((x / q) * m)
        accept[1] = 0
        width[0] = q / m
        width[255] = x / m
        height[0] = 1
        height[255] = f(x)
        for i in stride(from: 254, through: 1, by: -1) {
            x = (-2 * log(Self.v / x + f(x))).squareRoot()
            accept[i + 1] = UInt64((x / previous) * m)
            previous = x
            height[i] = f(x)
            width[i] = x / m
        }
        self.accept = accept
        self.width = width
        self.height = height
    }
}

extension Sampler {
    /// A standard normal draw by the 256-layer ziggurat (`NormalZiggurat`).
    ///
    /// Usually one 64-bit draw and no transcendental function: 8 bits pick the piece, 1 bit the
    /// sign and 52 bits the point. The loop is bounded (1 000 attempts, each accepted with
    /// probability above 0.99); the unreachable fall-through returns 0.
    /// - Complexity: O(1) expected.
    @inlinable
    public static func standardNormal<G: RandomNumberGenerator>(using rng: inout G) -> Double {
        let table = NormalZiggurat.shared
        for _ in 0..<1_000 {
            let bits = rng.next()
            let i = Int(bits & 0xFF)
            let negative = (bits >> 8) & 1 == 1
            let u = (bits >> 9) & 0xF_FFFF_FFFF_FFFF
            let x = Double(u) * table.width[i]
            if u < table.accept[i] { return negative ? -x : x }
            if i == 0 {
                // The tail beyond r: x = r + E₁/r with 2E₂ > (E₁/r)² for exponentials E₁, E₂.
                for _ in 0..<1_000 {
                    let e1 = -log(rng.nextOpenUnit()) / NormalZiggurat.r
                    let e2 = -log(rng.nextOpenUnit())
                    if e2 + e2 > e1 * e1 { return negative ? -(NormalZiggurat.r + e1) : NormalZiggurat.r + e1 }
                }
                return 0
            }
            let y = table.height[i] + rng.nextOpenUnit() * (table.height[i - 1] - table.height[i])
            if y < exp(-0.5 * x * x) { return negative ? -x : x }
        }
        return 0
    }
}
