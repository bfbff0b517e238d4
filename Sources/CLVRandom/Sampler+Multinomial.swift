extension Sampler {
    /// A draw from Multinomial(n, p₁…p_K) written into `counts`, by conditional binomials:
    /// Nᵢ ~ Binomial(n − N₁ − … − Nᵢ₋₁, pᵢ / (pᵢ + … + p_K)).
    ///
    /// The probabilities are normalised by their sum (they need not sum exactly to 1); the last
    /// category with positive weight takes the remainder, so the counts always sum to n.
    /// `counts` is resized to `probabilities.count` and overwritten. Invalid input (n < 0, a
    /// negative, NaN or infinite weight, or no positive weight) leaves every count 0.
    /// - Complexity: O(K) binomial draws; no allocation when `counts` already has K elements.
    @inlinable
    public static func multinomial<G: RandomNumberGenerator>(
        count n: Int, probabilities: [Double], into counts: inout [Int], using rng: inout G
    ) {
        let k = probabilities.count
        if counts.count != k {
            counts.removeAll(keepingCapacity: true)
            counts.append(contentsOf: repeatElement(0, count: k))
        } else {
            for i in 0..<k { counts[i] = 0 }
        }
        guard n > 0 else { return }
        var total = 0.0
        var last = -1
        for i in 0..<k {
            let w = probabilities[i]
            guard w >= 0, w.isFinite else { return }
            if w > 0 { last = i }
            total += w
        }
        guard last >= 0, total.isFinite else { return }
        var remaining = n
        var remainingMass = total
        for i in 0..<last {
            let w = probabilities[i]
            if w == 0 { continue }
            let p = Swift.min(1, Swift.max(0, w / remainingMass))
            let draw = binomial(count: remaining, probability: p, using: &rng)
            counts[i] = draw
            remaining -= draw
            remainingMass -= w
            if remaining == 0 { return }
            if !(remainingMass > 0) { break }
        }
        counts[last] = remaining
    }
}
