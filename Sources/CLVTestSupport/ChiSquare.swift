import CLVRandom

/// Pearson's chi-square goodness-of-fit test of integer samples against a probability mass
/// function.
///
/// Cells are consecutive integers from the smallest to the largest sample, pooled left to right
/// until each expected count is at least 5; the mass outside the sampled range forms one more
/// cell (observed 0), merged into the last cell if its expected count is below 5. The statistic
/// Σ (O − E)²/E has (cells − 1) degrees of freedom, and its p-value is the regularized upper
/// incomplete gamma Q(df/2, χ²/2).
public enum ChiSquare {
    /// The outcome of a test.
    public struct Result: Sendable, CustomStringConvertible {
        public let statistic: Double
        public let degreesOfFreedom: Int
        public let pValue: Double
        public var description: String { "χ²=\(statistic) df=\(degreesOfFreedom) p=\(pValue)" }
    }

    /// The p-value P(χ²_df > statistic) = Q(df/2, statistic/2); 1 when df = 0.
    /// - Complexity: O(√df + 1).
    public static func pValue(statistic: Double, degreesOfFreedom df: Int) -> Double {
        df <= 0 ? 1 : SpecialFunctions.regularizedGammaQ(a: Double(df) / 2, x: statistic / 2)
    }

    /// Tests pre-binned counts against expected counts (cells already pooled by the caller).
    /// - Complexity: O(cells).
    public static func test(observed: [Double], expected: [Double]) -> Result {
        var statistic = 0.0
        for (o, e) in zip(observed, expected) where e > 0 { statistic += (o - e) * (o - e) / e }
        let df = observed.count - 1
        return Result(statistic: statistic, degreesOfFreedom: df, pValue: pValue(statistic: statistic, degreesOfFreedom: df))
    }

    /// Tests integer `samples` against `pmf` (P(X = k)), pooling cells as described above.
    /// - Complexity: O(n + (max − min)) pmf evaluations.
    public static func test(_ samples: [Int], pmf: (Int) -> Double) -> Result {
        guard let lo = samples.min(), let hi = samples.max() else {
            return Result(statistic: 0, degreesOfFreedom: 0, pValue: 1)
        }
        let n = Double(samples.count)
        var counts = [Int](repeating: 0, count: hi - lo + 1)
        for s in samples { counts[s - lo] += 1 }
        var observed: [Double] = []
        var expected: [Double] = []
        var accObserved = 0.0
        var accExpected = 0.0
        var inside = 0.0
        for k in lo...hi {
            let p = pmf(k)
            inside += p
            accObserved += Double(counts[k - lo])
            accExpected += n * p
            if accExpected >= 5 {
                observed.append(accObserved)
                expected.append(accExpected)
                accObserved = 0
                accExpected = 0
            }
        }
        let outside = Swift.max(0, 1 - inside) * n
        accExpected += outside
        if accExpected >= 5 || observed.isEmpty {
            observed.append(accObserved)
            expected.append(accExpected)
        } else {
            observed[observed.count - 1] += accObserved
            expected[expected.count - 1] += accExpected
        }
        return test(observed: observed, expected: expected)
    }
}
