/// A reproducible stream of random bits identified by `(seed, trial, role)`.
///
/// The stream is Philox4x32-10 in counter mode: the key is the 64-bit seed, and the 128-bit
/// counter is `(block, role.low, role.high, trial)`. Each block yields two 64-bit outputs. Two
/// streams with any differing coordinate are independent for every practical purpose, and a
/// stream's values never depend on which thread draws them or on how trials are split — the
/// basis of clvsim's bitwise reproducibility and of common random numbers between strategies.
///
/// Each stream holds up to 2³² blocks (2³³ outputs), far beyond any role's need.
///
/// - Complexity: O(1) amortised per `next()`; ten Philox rounds per two outputs.
@frozen
public struct RandomStream: RandomNumberGenerator, Sendable {
    @usableFromInline var philox: Philox4x32
    @usableFromInline let role: UInt64
    @usableFromInline let trial: UInt32
    @usableFromInline var blockIndex: UInt32 = 0
    @usableFromInline var buffered: UInt64 = 0
    @usableFromInline var hasBuffered = false

    /// The stream for `role` in trial `trial` of a run seeded with `seed`.
    @inlinable
    public init(seed: UInt64, trial: UInt32, role: UInt64) {
        philox = Philox4x32(key: (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32)))
        self.role = role
        self.trial = trial
    }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        if hasBuffered {
            hasBuffered = false
            return buffered
        }
        let (r0, r1, r2, r3) = philox.block(
            (blockIndex, UInt32(truncatingIfNeeded: role), UInt32(truncatingIfNeeded: role >> 32), trial))
        blockIndex &+= 1
        buffered = UInt64(r2) | (UInt64(r3) << 32)
        hasBuffered = true
        return UInt64(r0) | (UInt64(r1) << 32)
    }
}
