import Testing
@testable import CLVCore

@Suite struct StatTests {
    @Test func momentsAndStandardError() throws {
        let stat = try #require(Stat([2, 4, 4, 4, 5, 5, 7, 9], levels: [0.5]))
        #expect(stat.mean == 5)
        // Sample variance with n − 1: Σ(x − 5)² = 32, 32 / 7.
        #expect(abs(stat.sd - (32.0 / 7).squareRoot()) < 1e-15)
        #expect(abs(stat.standardError - stat.sd / 8.0.squareRoot()) < 1e-15)
        #expect(stat.count == 8 && stat.undefined == 0)
    }

    @Test func percentilesInterpolateLinearly() throws {
        // 0, 1, …, 100: the p-quantile of type 7 is exactly 100p.
        let values = (0...100).reversed().map(Double.init)
        let stat = try #require(Stat(values, levels: [0.9, 0.95]))
        for (level, value) in zip(Stat.percentileLevels, stat.percentiles) { #expect(abs(value - 100 * level.p) < 1e-12) }
        #expect(abs(stat.intervals[0].lower - 5) < 1e-12 && abs(stat.intervals[0].upper - 95) < 1e-12)
        #expect(abs(stat.intervals[1].lower - 2.5) < 1e-12 && abs(stat.intervals[1].upper - 97.5) < 1e-12)
        // Between order statistics: h = (n − 1)p.
        #expect(Stat.quantile([10, 20], 0.25) == 12.5)
        #expect(Stat.quantile([7], 0.9) == 7)
    }

    @Test func undefinedValuesAreCountedAndLeftOut() throws {
        let stat = try #require(Stat([1, .nan, 3, .infinity], levels: [0.9]))
        #expect(stat.mean == 2 && stat.count == 2 && stat.undefined == 2)
        #expect(Stat([.nan, .nan], levels: [0.9]) == nil)
        #expect(Stat([], levels: [0.9]) == nil)
    }

    @Test func wilsonIntervalMatchesReference() {
        // 93 successes in 100 trials at 95%: scipy.stats.binomtest(93, 100).proportion_ci(method="wilson").
        let (lower, upper) = RunSummary.wilson(successes: 93, trials: 100, z: 1.959963984540054)
        #expect(abs(lower - 0.8625048526092649) < 1e-12)
        #expect(abs(upper - 0.9656807389327273) < 1e-12)
    }
}
