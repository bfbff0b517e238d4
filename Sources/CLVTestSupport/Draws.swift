import CLVRandom

/// Fixed-seed sample collection for deterministic statistical tests.
public enum Draws {
    /// `count` values of `draw` from the stream `RandomStream(seed:trial: 0, role:)`.
    /// - Complexity: O(count) calls of `draw`.
    public static func collect<T>(
        _ count: Int, seed: UInt64, role: UInt64 = 0, _ draw: (inout RandomStream) -> T
    ) -> [T] {
        var rng = RandomStream(seed: seed, trial: 0, role: role)
        var out: [T] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(draw(&rng)) }
        return out
    }
}
