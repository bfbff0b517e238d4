import Testing
@testable import CLVCore
import CLVRandom

/// `TrialSimulator.drawCustomerLifetimes` against a plain linear scan fed the same uniforms: the
/// four-at-a-time branch-free binary search must give every customer the same last active step
/// (docs/model.md "How the simulation works, and why it is exact") — on survival curves with
/// plateaus (renewal probability 1), a zero (probability 0), values near the survival floor,
/// every start step and counts that are and are not multiples of four.
@Suite struct CustomerLifetimeSearchTests {
    /// Survivors at steps j … end − 1 by a linear scan: a customer with uniform U reaches step
    /// i ≥ j while S_{i+1} > U·S_j.
    static func linearScan(_ count: Int, from j: Int, steps: Int, survival: [Double], using rng: inout RandomStream) -> [Int] {
        var alive = [Int](repeating: 0, count: steps)
        for _ in 0..<count {
            let threshold = rng.nextOpenUnit() * survival[j]
            var i = j
            while i < steps && survival[i + 1] > threshold {
                alive[i] += 1
                i += 1
            }
        }
        return alive
    }

    /// S_0 = 1, S_{i+1} = S_i · q_i for the given renewal probabilities.
    static func survival(_ renewal: [Double]) -> [Double] {
        var s = [1.0]
        for q in renewal { s.append(s.last! * q) }
        return s
    }

    /// sBG(α 0.8, β 4): q_n = (β + n − 1)/(α + β + n − 1) after a first step of 1.
    static func sBG() -> [Double] {
        (0..<120).map { (i: Int) -> Double in
            let m = Double(max(i - 1, 0))
            return i == 0 ? 1 : (4 + m) / (4.8 + m)
        }
    }

    /// Renewal probability 1 (a plateau of S) every fifth and seventh step, 0.9 otherwise.
    static func plateaus() -> [Double] {
        (0..<60).map { (i: Int) -> Double in i % 7 == 0 || i % 5 == 0 ? 1 : 0.9 }
    }

    /// 0.97 with a zero at step 23: S is 0 from step 24 on.
    static func withAZero() -> [Double] {
        (0..<40).map { (i: Int) -> Double in i == 23 ? 0 : 0.97 }
    }

    static let curves: [(name: String, renewal: [Double])] = [
        (name: "sBG", renewal: sBG()),
        (name: "plateaus", renewal: plateaus()),
        (name: "a zero", renewal: withAZero()),
        (name: "steep", renewal: [Double](repeating: 0.03, count: 200)),
        (name: "one step", renewal: [0.5]),
    ]

    @Test(arguments: 0..<5)
    func lockstepSearchMatchesALinearScan(curve: Int) {
        let name = Self.curves[curve].name, renewal = Self.curves[curve].renewal
        let survival = Self.survival(renewal)
        let steps = renewal.count
        var endings = [Int](repeating: 0, count: steps)
        var counts = [Int](repeating: -1, count: steps)
        var mismatches = 0
        for j in 0..<steps where survival[j] > TrialSimulator.survivalFloor {
            for count in [1, 2, 3, 4, 5, 7, 8, 13, 64, 301] {
                let key = UInt64(j * 1000 + count)
                var scanStream = RandomStream(seed: 17, trial: UInt32(curve), role: key)
                let expected = Self.linearScan(count, from: j, steps: steps, survival: survival, using: &scanStream)
                var stream = RandomStream(seed: 17, trial: UInt32(curve), role: key)
                for i in counts.indices { counts[i] = -1 }
                let last = survival.withUnsafeBufferPointer { s in
                    endings.withUnsafeMutableBufferPointer { e in
                        counts.withUnsafeMutableBufferPointer { c in
                            TrialSimulator.drawCustomerLifetimes(count, from: j, steps: steps, survival: s,
                                                                 endings: e, counts: c, using: &stream)
                        }
                    }
                }
                let expectedLast = (j..<steps).last { expected[$0] > 0 } ?? j - 1
                if last != expectedLast || (j...max(j, last)).contains(where: { $0 <= last && counts[$0] != expected[$0] }) {
                    mismatches += 1
                }
                // Both consumed exactly one uniform per customer.
                if stream.next() != scanStream.next() { mismatches += 1 }
                #expect(endings.allSatisfy { $0 == 0 }, "\(name): endings left dirty")
            }
        }
        #expect(mismatches == 0, "\(name): \(mismatches) mismatches")
    }

    /// The branch-free comparison agrees with `>` on non-negative survivals and positive thresholds,
    /// including zeros, equal values, subnormals and values on either side of each other.
    @Test func aboveMaskIsAComparison() {
        let values: [Double] = [0, .leastNonzeroMagnitude, 1e-300, 1e-280, 0.25, 0.5, 0.5.nextUp, 0.5.nextDown, 1]
        for s in values {
            for x in values where x > 0 {
                #expect(TrialSimulator.aboveMask(s, x.bitPattern) == (s > x ? -1 : 0), "\(s) vs \(x)")
            }
        }
    }
}
