import Foundation

/// A linear map from data values to chart coordinates, with "nice" tick values.
///
/// `position(x) = range.0 + (x − domain.0) · (range.1 − range.0) / (domain.1 − domain.0)`; a
/// degenerate domain (both ends equal) is widened by one unit each side (or 1% of the value) so
/// a constant still draws in the middle.
public struct LinearScale: Sendable, Equatable {
    public let domain: (lower: Double, upper: Double)
    public let range: (start: Double, end: Double)

    public static func == (lhs: LinearScale, rhs: LinearScale) -> Bool {
        lhs.domain == rhs.domain && lhs.range == rhs.range
    }

    /// A scale over `domain` (widened when degenerate; non-finite ends become 0...1). Any
    /// Double is accepted, up to ±`Double.greatestFiniteMagnitude`.
    ///
    /// - Complexity: O(1).
    public init(domain: (Double, Double), range: (Double, Double)) {
        var (a, b) = domain
        if !a.isFinite || !b.isFinite { (a, b) = (0, 1) }
        if a > b { swap(&a, &b) }
        if a == b {
            let pad = a == 0 ? 1 : abs(a) * 0.01
            (a, b) = (a - pad, b + pad)
            // Widening the largest Doubles overflows; keep the finite end.
            if !a.isFinite { a = -Double.greatestFiniteMagnitude }
            if !b.isFinite { b = Double.greatestFiniteMagnitude }
        }
        self.domain = (a, b)
        self.range = range
    }

    /// The coordinate of `x`.
    ///
    /// - Complexity: O(1).
    public func position(_ x: Double) -> Double {
        var span = domain.upper - domain.lower
        var offset = x - domain.lower
        if !span.isFinite || !offset.isFinite {
            // Ends near the largest Double: halve everything so the differences stay finite.
            span = domain.upper / 2 - domain.lower / 2
            offset = x / 2 - domain.lower / 2
        }
        return range.start + (offset / span) * (range.end - range.start)
    }

    /// The step between ticks: 1, 2 or 5 times a power of ten, giving about `count` ticks.
    ///
    /// - Complexity: O(1).
    public func tickStep(count: Int = 5) -> Double {
        var raw = (domain.upper - domain.lower) / Double(max(1, count))
        if !raw.isFinite { raw = (domain.upper / 2 - domain.lower / 2) / Double(max(1, count)) * 2 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let fraction = raw / magnitude
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3.5 ? 2 : fraction < 7.5 ? 5 : 10
        return nice * magnitude
    }

    /// Multiples of `tickStep(count:)` inside the domain, ascending.
    ///
    /// - Complexity: O(count).
    public func ticks(count: Int = 5) -> [Double] {
        let step = tickStep(count: count)
        guard step.isFinite, step > 0 else { return [] }
        var k = (domain.lower / step).rounded(.up)
        var result: [Double] = []
        while k * step <= domain.upper + step * 1e-9, result.count < 50 {
            let value = k * step
            result.append(abs(value) < step * 1e-9 ? 0 : value)
            k += 1
        }
        return result
    }

    /// The same scale with its domain extended outwards to whole tick steps.
    ///
    /// - Complexity: O(1).
    public func nice(count: Int = 5) -> LinearScale {
        let step = tickStep(count: count)
        guard step.isFinite, step > 0 else { return self }
        let lower = (domain.lower / step).rounded(.down) * step, upper = (domain.upper / step).rounded(.up) * step
        // Extending to a whole step can pass the largest Double; then keep the data's own ends.
        guard lower.isFinite, upper.isFinite else { return self }
        return LinearScale(domain: (lower, upper), range: (range.start, range.end))
    }
}
