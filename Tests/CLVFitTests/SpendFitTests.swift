import CLVRandom
import Foundation
import Testing
@testable import CLVFit

@Suite struct SpendFitTests {
    /// 200 deterministic customers: x = 1 + (i mod 4), m̄ = exp(3 + 0.6 sin 1.7i + 0.4 cos(0.37i)/√x).
    let summaries: [SpendFit.RepeatSummary] = (0..<200).map { i in
        let x = 1 + i % 4
        let m = exp(3 + 0.6 * sin(1.7 * Double(i)) + 0.4 * cos(0.37 * Double(i)) / Double(x).squareRoot())
        return SpendFit.RepeatSummary(repeats: x, meanValue: m)
    }

    @Test func logLikelihoodMatchesIndependentComputation() {
        // mpmath, 30 digits.
        let ll = SpendFit.logLikelihood(p: 6.25, q: 3.74, gamma: 15.44, summaries: summaries)
        #expect(abs(ll - -774.27871720088405815) < 1e-8)
    }

    @Test func maximumLikelihoodMatchesReference() throws {
        // scipy Nelder–Mead optimum; standard errors from mpmath's exact Hessian.
        let fit = try SpendFit(summaries: summaries)
        let e = fit.estimate
        #expect(abs(e.logLikelihood - -733.2630765997666) < 1e-6)
        #expect(abs(e.values[0] / 16.776503004290284 - 1) < 2e-3)
        #expect(abs(e.values[1] / 5.564249118111371 - 1) < 2e-3)
        #expect(abs(e.values[2] / 6.141056847775704 - 1) < 2e-3)
        #expect(abs(e.standardErrors[0] / 19.01760822003271 - 1) < 0.02)
        #expect(abs(e.standardErrors[1] / 1.1328084396233848 - 1) < 0.02)
        #expect(abs(e.standardErrors[2] / 8.22982756314889 - 1) < 0.02)
        let mean = try #require(fit.meanTransactionValue)
        #expect(abs(mean.mean / 22.572268951624878 - 1) < 1e-3)
        #expect(abs(mean.standardError / 0.8987100228238658 - 1) < 0.02)
        #expect(abs((fit.spendMultiplierShape ?? 0) - (e.values[1] - 2)) < 1e-12)
    }

    @Test(arguments: [(2.0, 5.0, 40.0), (6.0, 4.0, 15.0), (1.5, 8.0, 200.0)])
    func recoversItsParametersWithinThreeStandardErrors(p: Double, q: Double, gamma: Double) throws {
        var rng = RandomStream(seed: 11, trial: UInt32(p * 10), role: 5)
        let data = Synthetic.spendSummaries(p: p, q: q, gamma: gamma, customers: 4000, using: &rng)
        let fit = try SpendFit(summaries: data)
        let se = fit.estimate.standardErrors
        for (k, truth) in [p, q, gamma].enumerated() {
            #expect(abs(fit.estimate.values[k] - truth) < 3 * se[k],
                    "\(fit.estimate.names[k]) \(fit.estimate.values[k]) ± \(se[k]) vs \(truth)")
        }
        let mean = try #require(fit.meanTransactionValue)
        #expect(abs(mean.mean - p * gamma / (q - 1)) < 3 * mean.standardError)
    }

    @Test func standardErrorsMatchTheSpreadOverRepeatedDataSets() throws {
        let (p, q, gamma) = (2.0, 5.0, 40.0)
        var estimates: [[Double]] = [[], [], []], errors: [[Double]] = [[], [], []]
        for replicate in 0..<200 {
            var rng = RandomStream(seed: 12, trial: UInt32(replicate), role: 6)
            let data = Synthetic.spendSummaries(p: p, q: q, gamma: gamma, customers: 600, using: &rng)
            let fit = try SpendFit(summaries: data)
            for k in 0..<3 {
                estimates[k].append(fit.estimate.values[k])
                errors[k].append(fit.estimate.standardErrors[k])
            }
        }
        for k in 0..<3 {
            let ratio = Synthetic.sd(estimates[k]) / Synthetic.mean(errors[k])
            #expect(abs(ratio - 1) < 0.2, "parameter \(k): sd of estimates / mean SE = \(ratio)")
        }
    }

    @Test func singlePurchaseCustomersCannotBeFitted() throws {
        let table = try CSVTable(parsing: "customer,date,amount\na,2024-01-01,10\nb,2024-01-02,12\na,2024-01-01,5\n")
        let log = try TransactionLog(csv: table)
        #expect(throws: FitError(line: 2, "every customer has a single purchase day; the Gamma-Gamma spend model needs repeat purchases from several customers")) {
            try SpendFit(log)
        }
    }

    @Test func sameDayPurchasesMergeAndFirstPurchaseIsLeftOut() throws {
        let text = """
            customer,date,amount
            a,2024-01-01,10
            a,2024-01-05,20
            a,2024-01-05,10
            a,2024-02-01,60
            b,2024-01-03,7
            b,2024-03-03,9
            """
        let log = try TransactionLog(csv: try CSVTable(parsing: text))
        let days = log.purchaseDays()
        #expect(days.map(\.customer) == ["a", "b"])
        #expect(days[0].days.map(\.amount) == [10, 30, 60])
        // Customer a: repeats 30 and 60 (mean 45, x = 2); b: 9 (x = 1).
        let direct = SpendFit.logLikelihood(p: 3, q: 4, gamma: 50, summaries: [.init(repeats: 2, meanValue: 45), .init(repeats: 1, meanValue: 9)])
        #expect(direct.isFinite)
    }
}
