import CLVRandom
import Foundation
import Testing
@testable import CLVFit

/// Fits on data simulated from known parameters recover them, and the reported standard errors
/// match the spread of estimates over repeated data sets.
@Suite struct RetentionRecoveryTests {
    @Test(arguments: [(0.7, 1.2), (2.0, 5.0), (0.35, 0.9), (4.0, 12.0)])
    func sbgRecoversItsParametersWithinThreeStandardErrors(alpha: Double, beta: Double) throws {
        var rng = RandomStream(seed: 2024, trial: UInt32(alpha * 100), role: 1)
        // Four monthly cohorts of different sizes and lengths.
        let cohorts = [(3000, 12), (2500, 9), (2000, 6), (1500, 3)].enumerated().map { k, spec in
            SurvivalTable.Cohort(name: String(k), active: Synthetic.sbgCohort(alpha: alpha, beta: beta, customers: spec.0,
                                                                              periods: spec.1, using: &rng))
        }
        let fit = try RetentionFit(cohorts: cohorts)
        let sbg = try #require(fit.sbg)
        let se = sbg.standardErrors
        #expect(abs(sbg.values[0] - alpha) < 3 * se[0], "alpha \(sbg.values[0]) ± \(se[0]) vs \(alpha)")
        #expect(abs(sbg.values[1] - beta) < 3 * se[1], "beta \(sbg.values[1]) ± \(se[1]) vs \(beta)")
        #expect(fit.preferredModel == .sbg)
    }

    @Test(arguments: [0.5, 0.8, 0.95])
    func constantRetentionRecoversItsRate(rate: Double) throws {
        var rng = RandomStream(seed: 7, trial: UInt32(rate * 100), role: 2)
        let cohorts = [(2000, 10), (1000, 5)].enumerated().map { k, spec in
            SurvivalTable.Cohort(name: String(k), active: Synthetic.constantCohort(rate: rate, customers: spec.0,
                                                                                   periods: spec.1, using: &rng))
        }
        let fit = try RetentionFit(cohorts: cohorts)
        #expect(abs(fit.constant.values[0] - rate) < 3 * fit.constant.standardErrors[0])
    }

    @Test func sbgStandardErrorsMatchTheSpreadOverRepeatedDataSets() throws {
        let (alpha, beta) = (1.0, 2.0)
        var alphas: [Double] = [], betas: [Double] = [], seAlpha: [Double] = [], seBeta: [Double] = []
        for replicate in 0..<200 {
            var rng = RandomStream(seed: 99, trial: UInt32(replicate), role: 3)
            let active = Synthetic.sbgCohort(alpha: alpha, beta: beta, customers: 2000, periods: 8, using: &rng)
            let fit = try RetentionFit(cohorts: [SurvivalTable.Cohort(name: "c", active: active)])
            let sbg = try #require(fit.sbg)
            alphas.append(sbg.values[0]); betas.append(sbg.values[1])
            seAlpha.append(sbg.standardErrors[0]); seBeta.append(sbg.standardErrors[1])
        }
        let ratioAlpha = Synthetic.sd(alphas) / Synthetic.mean(seAlpha)
        let ratioBeta = Synthetic.sd(betas) / Synthetic.mean(seBeta)
        #expect(abs(ratioAlpha - 1) < 0.2, "sd of alpha estimates / mean SE = \(ratioAlpha)")
        #expect(abs(ratioBeta - 1) < 0.2, "sd of beta estimates / mean SE = \(ratioBeta)")
    }

    @Test func constantStandardErrorMatchesTheSpreadOverRepeatedDataSets() throws {
        var rates: [Double] = [], errors: [Double] = []
        for replicate in 0..<200 {
            var rng = RandomStream(seed: 5, trial: UInt32(replicate), role: 4)
            let active = Synthetic.constantCohort(rate: 0.7, customers: 500, periods: 6, using: &rng)
            let fit = try RetentionFit(cohorts: [SurvivalTable.Cohort(name: "c", active: active)])
            rates.append(fit.constant.values[0]); errors.append(fit.constant.standardErrors[0])
        }
        let ratio = Synthetic.sd(rates) / Synthetic.mean(errors)
        #expect(abs(ratio - 1) < 0.2, "sd of rate estimates / mean SE = \(ratio)")
    }
}
