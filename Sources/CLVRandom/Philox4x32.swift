/// The Philox4x32-10 counter-based bijection of Salmon, Moraes, Dror and Shaw (SC'11,
/// "Parallel random numbers: as easy as 1, 2, 3").
///
/// A 128-bit counter and a 64-bit key map to 128 pseudo-random bits through ten rounds of
///
///     (c0, c1, c2, c3) ← (hi(M1·c2) ⊕ c1 ⊕ k0, lo(M1·c2), hi(M0·c0) ⊕ c3 ⊕ k1, lo(M0·c0))
///
/// with the key bumped by the Weyl constants (W0, W1) between rounds. Because the output is a
/// pure function of (key, counter), any stream position can be computed directly, which is what
/// lets clvsim give every (seed, trial, role) its own reproducible stream with no shared state.
///
/// - Complexity: O(1) per block of four 32-bit words.
@frozen
public struct Philox4x32: Sendable {
    public static let multiplier0: UInt32 = 0xD251_1F53
    public static let multiplier1: UInt32 = 0xCD9E_8D57
    public static let weyl0: UInt32 = 0x9E37_79B9
    public static let weyl1: UInt32 = 0xBB67_AE85

    /// The key (k0, k1).
    public var key: (UInt32, UInt32)

    public init(key: (UInt32, UInt32)) { self.key = key }

    /// The ten-round bijection applied to `counter` under this key.
    @inlinable @inline(__always)
    public func block(_ counter: (UInt32, UInt32, UInt32, UInt32)) -> (UInt32, UInt32, UInt32, UInt32) {
        var (c0, c1, c2, c3) = counter
        var (k0, k1) = key
        for round in 0..<10 {
            if round > 0 {
                k0 &+= Philox4x32.weyl0
                k1 &+= Philox4x32.weyl1
            }
            let p0 = UInt64(Philox4x32.multiplier0) &* UInt64(c0)
            let p1 = UInt64(Philox4x32.multiplier1) &* UInt64(c2)
            let n0 = UInt32(truncatingIfNeeded: p1 >> 32) ^ c1 ^ k0
            let n2 = UInt32(truncatingIfNeeded: p0 >> 32) ^ c3 ^ k1
            c1 = UInt32(truncatingIfNeeded: p1)
            c3 = UInt32(truncatingIfNeeded: p0)
            c0 = n0
            c2 = n2
        }
        return (c0, c1, c2, c3)
    }
}
