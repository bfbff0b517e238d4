import CLVRandom
import Testing
@testable import CLVFit

/// Arbitrary text never crashes a parser or a fit: it is read, or rejected with a `FitError`.
@Suite struct RobustnessTests {
    /// Random short CSV-like text built from characters that matter to the readers.
    func randomText(_ rng: inout RandomStream) -> String {
        let alphabet = Array("0123456789,,,\n\n\"-.e A2024-01-15x")
        let length = Int(rng.next() % 120)
        return String((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
    }

    /// Runs `body`; any error must be a `FitError` with a non-empty message.
    func cleanly<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let error as FitError {
            #expect(!error.message.isEmpty)
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return nil
    }

    @Test func randomTextIsReadOrRejectedCleanly() {
        var rng = RandomStream(seed: 77, trial: 0, role: 9)
        var tables = 0
        for _ in 0..<3000 {
            let text = randomText(&rng)
            _ = cleanly { try SurvivalTable(survivorList: text) }
            guard let table = cleanly({ try CSVTable(parsing: text) }) else { continue }
            tables += 1
            if let s = cleanly({ try SurvivalTable(csv: table) }) { _ = cleanly { try RetentionFit(s) } }
            if let log = cleanly({ try TransactionLog(csv: table) }) {
                _ = cleanly { try RFMSummary(log) }
                _ = cleanly { try SpendFit(log) }
            }
            if let records = cleanly({ try ReferralFit.records(csv: table) }) { _ = cleanly { try ReferralFit(records: records) } }
        }
        // Over a quarter of random texts are valid CSV, so the readers behind it were exercised.
        #expect(tables > 500)
    }

    @Test func hugeCountsAreRejectedNotOverflowed() {
        #expect(throws: FitError.self) { try SurvivalTable(csv: CSVTable(parsing: "A,0,9223372036854775807\nA,1,9223372036854775807\n")) }
        #expect(throws: FitError.self) { try SurvivalTable(survivorList: "1e300,5") }
        #expect(throws: FitError.self) { try ReferralFit.records(csv: CSVTable(parsing: "a,9223372036854775807,1\n")) }
    }

    @Test func extremeButValidDataFitOrFailCleanly() {
        // One churner among a million customers; all but one churn.
        for active in [[1_000_000, 999_999, 999_999], [1_000_000, 1, 1], [2, 1, 0]] {
            do {
                let fit = try RetentionFit(cohorts: [SurvivalTable.Cohort(name: "a", active: active)])
                #expect(fit.constant.values[0] > 0 && fit.constant.values[0] < 1)
            } catch {
                #expect(error is FitError)
            }
        }
        // Identical spend for every customer: no heterogeneity to estimate.
        let same = (0..<50).map { _ in SpendFit.RepeatSummary(repeats: 2, meanValue: 10) }
        #expect(throws: FitError.self) { try SpendFit(summaries: same) }
    }
}
