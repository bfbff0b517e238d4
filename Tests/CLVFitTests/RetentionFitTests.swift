import CLVRandom
import Foundation
import Testing
@testable import CLVFit

/// Survivors of the "regular" customers of Fader & Hardie (2007), 1000 customers over 12 years.
let regularSurvivors = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173]

@Suite struct RetentionFitTests {
    /// Three cohorts of different lengths.
    let triangle = [[500, 400, 330, 290, 260], [800, 610, 500], [300, 250, 215, 190]]

    func cohorts(_ lists: [[Int]]) -> [SurvivalTable.Cohort] {
        lists.enumerated().map { SurvivalTable.Cohort(name: String($0.offset), active: $0.element) }
    }

    @Test func sbgLogLikelihoodMatchesBetaFunctionFormula() {
        // References: Σ d_t log(B(α+1, β+t−1)/B(α,β)) + n_T log(B(α, β+T)/B(α,β)) with mpmath (30 digits).
        let single = SurvivalTable.pooledCounts(of: cohorts([regularSurvivors]))
        #expect(abs(RetentionFit.sbgLogLikelihood(alpha: 0.7, beta: 1.2, counts: single) - -1931.5593733384486826) < 1e-9)
        let multi = SurvivalTable.pooledCounts(of: cohorts(triangle))
        #expect(abs(RetentionFit.sbgLogLikelihood(alpha: 0.9, beta: 2.5, counts: multi) - -1721.9053155655929097) < 1e-9)
    }

    @Test func sbgSurvivalIsTheBetaFunctionRatio() {
        // S(5) = B(0.7, 6.2)/B(0.7, 1.2), computed with mpmath.
        let s = RetentionFit.sbgSurvival(alpha: 0.7, beta: 1.2, periods: 5)
        #expect(s[0] == 1)
        #expect(abs(s[5] - 0.29699028400926337) < 1e-12)
    }

    @Test func sbgFitReproducesFaderHardieRegularCustomers() throws {
        // Fader & Hardie (2007) report α = 0.704, β = 1.182 on the first 7 years; the references
        // (optimum, SEs and correlation from the exact Hessian) were computed with scipy/mpmath.
        let fit = try RetentionFit(cohorts: cohorts([Array(regularSurvivors.prefix(8))]))
        let sbg = try #require(fit.sbg)
        #expect(abs(sbg.values[0] - 0.7040773098850146) < 1e-4)
        #expect(abs(sbg.values[1] - 1.182043058143951) < 1e-4)
        #expect(abs(sbg.standardErrors[0] / 0.06559896664630091 - 1) < 1e-3)
        #expect(abs(sbg.standardErrors[1] / 0.15247563950988904 - 1) < 1e-3)
        #expect(abs(sbg.correlation(0, 1) - 0.8889198304338326) < 1e-3)
        #expect(abs(sbg.logLikelihood - -1680.265188463287) < 1e-6)
        #expect(fit.preferredModel == .sbg)
    }

    @Test func sbgFitOnSeveralCohortsOfDifferentLengths() throws {
        let fit = try RetentionFit(cohorts: cohorts(triangle))
        let sbg = try #require(fit.sbg)
        #expect(abs(sbg.values[0] - 0.6515774502022362) < 1e-4)
        #expect(abs(sbg.values[1] - 2.3769007463187357) < 1e-3)
        #expect(abs(sbg.standardErrors[0] / 0.12202815199573872 - 1) < 2e-3)
        #expect(abs(sbg.standardErrors[1] / 0.5266158615120434 - 1) < 2e-3)
        #expect(abs(sbg.correlation(0, 1) - 0.9727537686580031) < 1e-3)
        #expect(abs(sbg.logLikelihood - -1699.602893598765) < 1e-6)
        #expect(abs(sbg.aic - (4 + 2 * 1699.602893598765)) < 1e-5)
    }

    @Test func constantRetentionIsTheRatioOfRenewals() throws {
        let fit = try RetentionFit(cohorts: cohorts(triangle))
        // Renewals: (400+330+290+260) + (610+500) + (250+215+190); attempts: the same shifted by one period.
        let renewed = Double(1280 + 1110 + 655)
        let attempted = Double((500 + 400 + 330 + 290) + (800 + 610) + (300 + 250 + 215))
        let r = renewed / attempted
        #expect(abs(fit.constant.values[0] - r) < 1e-15)
        #expect(abs(fit.constant.standardErrors[0] - (r * (1 - r) / attempted).squareRoot()) < 1e-15)
        let ll = renewed * log(r) + (attempted - renewed) * log(1 - r)
        #expect(abs(fit.constant.logLikelihood - ll) < 1e-9)
        #expect(fit.constant.aic == 2 - 2 * fit.constant.logLikelihood)
    }

    @Test func boundaryDataAreClearErrors() {
        #expect(throws: FitError.self) { try RetentionFit(cohorts: cohorts([[100, 100, 100]])) }
        #expect(throws: FitError.self) { try RetentionFit(cohorts: cohorts([[100, 0, 0]])) }
        #expect(throws: FitError.self) { try RetentionFit(cohorts: cohorts([[100]])) }
    }

    @Test func geometricDataLeaveSBGUnidentifiedButConstantFitted() throws {
        // Exactly geometric survivors: the sBG likelihood rises towards α, β → ∞.
        let fit = try RetentionFit(cohorts: cohorts([[100000, 80000, 64000, 51200, 40960, 32768]]))
        #expect(abs(fit.constant.values[0] - 0.8) < 1e-12)
        if let sbg = fit.sbg {
            // If an interior optimum was found it must describe the same mean churn.
            #expect(abs(sbg.values[0] / (sbg.values[0] + sbg.values[1]) - 0.2) < 1e-3)
        } else {
            #expect(fit.sbgProblem != nil)
            #expect(fit.preferredModel == .constant)
        }
    }

    @Test func holdoutPredictsTheHeldOutPeriods() throws {
        let table = try SurvivalTable(survivorList: regularSurvivors.map(String.init).joined(separator: ","))
        let check = try RetentionHoldout(table: table, periods: 5)
        #expect(check.rows.map(\.period) == [8, 9, 10, 11, 12])
        #expect(check.rows.map(\.actual) == Array(regularSurvivors.suffix(5)))
        let sbg = try #require(check.fit.sbg)
        let s = RetentionFit.sbgSurvival(alpha: sbg.values[0], beta: sbg.values[1], periods: 12)
        for row in check.rows {
            #expect(abs((row.sbg ?? 0) - 1000 * s[row.period]) < 1e-9)
            #expect(abs(row.constant - 1000 * pow(check.fit.constant.values[0], Double(row.period))) < 1e-9)
            // Fader & Hardie's point: sBG tracks the hold-out within a few percent, constant does not.
            #expect(abs((row.sbg ?? 0) / Double(row.actual) - 1) < 0.05)
            #expect(row.constant < 0.8 * Double(row.actual))
        }
    }
}
