import CLVRandom
import Testing
@testable import CLVFit

@Suite struct RecencyFitTests {
    /// A purchase of 10 by `customer` on `date` (YYYY-MM-DD).
    func purchase(_ customer: String, _ date: String) -> TransactionLog.Transaction {
        TransactionLog.Transaction(customer: customer, date: CalendarDate(iso: date)!, amount: 10)
    }

    /// Four customers, monthly periods, k = 2 (worked by hand in the comments).
    var tinyLog: TransactionLog {
        get throws {
            try TransactionLog(transactions: [
                // A: Jan (two days, one period), Feb (recency 1, buys), May: Feb → May is 3 > k, so
                // recency 1 and 2 without a purchase, then lost; the May purchase is a return.
                purchase("A", "2024-01-05"), purchase("A", "2024-01-20"), purchase("A", "2024-02-03"), purchase("A", "2024-05-10"),
                // B: Mar, then recency 1 (Apr, no), recency 2 (May, buys), recency 1 (Jun, no).
                purchase("B", "2024-03-01"), purchase("B", "2024-05-02"),
                // C: acquired in June, the last period: never observed after acquisition.
                purchase("C", "2024-06-15"),
                // D: Feb, then recency 1 (Mar) and 2 (Apr) without a purchase: lost in May.
                purchase("D", "2024-02-10"),
            ])
        }
    }

    @Test func exposuresPurchasesAndPosteriorsOfATinyLog() throws {
        let fit = try RecencyFit(try tinyLog, states: 2, period: .month, asOf: CalendarDate(iso: "2024-06-30"))
        // e₁ = A 2 + B 2 + D 1, x₁ = A 1; e₂ = A 1 + B 1 + D 1, x₂ = B 1.
        #expect(fit.states.map(\.exposures) == [5, 3])
        #expect(fit.states.map(\.purchases) == [1, 1])
        #expect(fit.states[0].posterior == BetaPosterior(alpha: 2, beta: 5))
        #expect(fit.states[1].posterior == BetaPosterior(alpha: 2, beta: 3))
        #expect(fit.customers == 4)
        #expect(fit.lostCustomers == 2)
        #expect(fit.returnedAfterLoss == 1)
        #expect(!fit.droppedIncompletePeriod)
        #expect(fit.period.label(ofPeriod: fit.lastPeriod) == "2024-06")
    }

    @Test func anIncompleteLastPeriodIsLeftOut() throws {
        // The log ends on 2024-06-15, so June is incomplete: the window ends with May, and C
        // (acquired in June) is not followed.
        let fit = try RecencyFit(try tinyLog, states: 2, period: .month)
        #expect(fit.droppedIncompletePeriod)
        #expect(fit.period.label(ofPeriod: fit.lastPeriod) == "2024-05")
        #expect(fit.states.map(\.exposures) == [4, 3])
        #expect(fit.states.map(\.purchases) == [1, 1])
        #expect(fit.customers == 3 && fit.customersAfterWindow == 1)
    }

    @Test func moreStatesThanTheDataReachKeepThePrior() throws {
        let fit = try RecencyFit(try tinyLog, states: 8, period: .month, asOf: CalendarDate(iso: "2024-06-30"))
        #expect(fit.states[7].exposures == 0)
        #expect(fit.states[7].posterior == BetaPosterior(alpha: 1, beta: 1))
        #expect(fit.returnedAfterLoss == 0)
        let fragment = ScenarioFragment.recency(fit, segment: "s")
        #expect(fragment.notes.contains { $0.contains("uniform prior") })
    }

    @Test func badInputsAreErrors() throws {
        let log = try tinyLog
        #expect(throws: FitError("the number of recency states must be at least 1, not 0")) {
            try RecencyFit(log, states: 0, period: .month)
        }
        // A purchase after the end of the window names its line.
        let late = try TransactionLog(transactions: [
            TransactionLog.Transaction(customer: "a", date: CalendarDate(iso: "2024-01-01")!, amount: 1, line: 2),
            TransactionLog.Transaction(customer: "a", date: CalendarDate(iso: "2024-03-01")!, amount: 1, line: 3),
        ])
        #expect(throws: FitError(line: 3, "purchase on 2024-03-01 is after the end of the observation window 2024-02-29")) {
            try RecencyFit(late, states: 3, period: .month, asOf: CalendarDate(iso: "2024-02-29"))
        }
        // One complete period only: nobody is observed after acquisition.
        let short = try TransactionLog(transactions: [purchase("a", "2024-01-01"), purchase("b", "2024-01-31")])
        #expect(throws: FitError.self) { try RecencyFit(short, states: 3, period: .month) }
        // Nothing complete at all.
        let partial = try TransactionLog(transactions: [purchase("a", "2024-01-01"), purchase("b", "2024-01-15")])
        #expect(throws: FitError.self) { try RecencyFit(partial, states: 3, period: .month) }
    }

    /// A log of `customers` simulated from the recency model with purchase probabilities `p`,
    /// acquired uniformly over the 36 months of 2022–2024, one purchase day per purchase month.
    static func simulatedLog(p: [Double], customers: Int, seed: UInt64) throws -> TransactionLog {
        var rng = RandomStream(seed: seed, trial: 0, role: 11)
        var transactions: [TransactionLog.Transaction] = []
        func date(_ month: Int, _ rng: inout RandomStream) -> CalendarDate {
            CalendarDate(year: 2022 + month / 12, month: month % 12 + 1, day: 1 + Int(rng.nextOpenUnit() * 28))!
        }
        for c in 0..<customers {
            let id = "C\(c)"
            let acquired = Int(rng.nextOpenUnit() * 36)
            transactions.append(.init(customer: id, date: date(acquired, &rng), amount: 10))
            var recency = 0
            for month in (acquired + 1)..<36 {
                recency += 1
                if recency > p.count { break }
                if rng.nextOpenUnit() < p[recency - 1] {
                    transactions.append(.init(customer: id, date: date(month, &rng), amount: 10))
                    recency = 0
                }
            }
        }
        return try TransactionLog(transactions: transactions)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func posteriorsRecoverTheTrueProbabilitiesWithinThreeSD(seed: UInt64) throws {
        let p = [0.5, 0.35, 0.25, 0.2, 0.15, 0.1]
        let log = try Self.simulatedLog(p: p, customers: 3000, seed: seed)
        let fit = try RecencyFit(log, states: p.count, period: .month, asOf: CalendarDate(iso: "2024-12-31"))
        #expect(fit.returnedAfterLoss == 0)
        for (state, truth) in zip(fit.states, p) {
            let posterior = state.posterior
            #expect(state.exposures > 500)
            #expect(abs(posterior.mean - truth) < 3 * posterior.sd,
                    "recency \(state.recency): mean \(posterior.mean) ± \(posterior.sd), true \(truth)")
        }
    }

    @Test func fragmentIsTheRecencyModelWithTheBetaPosteriors() throws {
        let fit = try RecencyFit(try tinyLog, states: 2, period: .month, asOf: CalendarDate(iso: "2024-06-30"))
        let fragment = ScenarioFragment.recency(fit, segment: "occasional")
        let retention = try #require(fragment.fields["retention"])
        #expect(retention["model"] == .string("recency"))
        #expect(retention["purchaseProbability"] == .array([
            .object(["dist": .string("beta"), "alpha": .number(2), "beta": .number(5)]),
            .object(["dist": .string("beta"), "alpha": .number(2), "beta": .number(3)]),
        ]))
        #expect(fragment.replacedPathPrefixes == ["retention."])
        #expect(fragment.notes.contains { $0.hasPrefix("1 of 4 customers purchased again after 3 months") })
    }
}
