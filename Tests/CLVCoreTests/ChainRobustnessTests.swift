import Testing
import CLVRandom
@testable import CLVCore

/// Mutated scenarios with recency, migration and billing cycles: whatever the reader accepts, the
/// kernel simulates without a trap and with finite results or a counted non-finite trial
/// (docs/scenario-format.md "Recency, migration and billing cycles").
@Suite struct ChainRobustnessTests {
    static let examples = [
        """
        {"schemaVersion": 1, "name": "recency", "horizonPeriods": 18, "annualDiscountRate": 0.1,
         "segments": [{"name": "shop", "customers": 3000, "recency": 2, "renewals": 4,
           "retention": {"model": "recency", "purchaseProbability": [0.4, 0.25, {"dist": "uniform", "min": 0.1, "max": 0.2}, 0.08]},
           "revenue": 50, "margin": 0.3, "serviceCost": 1, "revenueVariation": {"shape": 2}, "revenueGrowth": 0.05,
           "referrals": {"coefficient": 0.1, "cyclePeriods": 2}}],
         "acquisition": [{"segment": "shop", "customersPerPeriod": 200, "fromPeriod": 1, "toPeriod": 18}],
         "strategies": [{"name": "win-back", "changes": [{"target": "segments.shop.retention.purchaseProbability.3", "multiply": 1.5, "fromPeriod": 4}]}]}
        """,
        """
        {"schemaVersion": 1, "name": "plans", "horizonPeriods": 30, "annualDiscountRate": 0.1,
         "segments": [
          {"name": "monthly", "customers": 5000, "renewals": 2, "retention": {"model": "curve", "rates": [0.8, 0.9, 0.95]}, "revenue": 10,
           "migration": [{"to": "quarterly", "probability": 0.05}], "revenueVariation": {"shape": 1.5}},
          {"name": "quarterly", "customers": 1000, "billingPeriods": 3, "retention": {"model": "constant", "rate": 0.85}, "revenue": 9,
           "migration": [{"to": "monthly", "probability": {"dist": "uniform", "min": 0.05, "max": 0.15}}, {"to": "annual", "probability": 0.1}]},
          {"name": "annual", "customers": 700, "billingPeriods": 12, "retention": {"model": "constant", "rate": 0.8}, "revenue": 8,
           "serviceCost": 0.5, "migration": [{"to": "monthly", "probability": 0.2}]}],
         "acquisition": [{"segment": "monthly", "customersPerPeriod": 300, "fromPeriod": 1, "toPeriod": 30}],
         "strategies": [{"name": "upsell", "changes": [{"target": "segments.monthly.migration.0.probability", "add": 0.05}]}]}
        """,
    ]

    /// Replaces one number of the text with an extreme but often valid one (0, 1, a probability
    /// next to 1, a huge count, a tiny value, a long cycle).
    static func mutateNumber<G: RandomNumberGenerator>(_ text: String, using rng: inout G) -> String {
        var bytes = Array(text.utf8)
        let isNumberByte: (UInt8) -> Bool = { ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: ".") }
        let starts = bytes.indices.filter { i in
            isNumberByte(bytes[i]) && (i == 0 || !isNumberByte(bytes[i - 1])) && bytes[i] != UInt8(ascii: ".")
        }
        guard let start = starts.randomElement(using: &rng) else { return text }
        var end = start
        while end < bytes.count, isNumberByte(bytes[end]) || bytes[end] == UInt8(ascii: "e") || bytes[end] == UInt8(ascii: "-") { end += 1 }
        let replacement = ["0", "1", "0.999999", "2", "1000000000000", "1e-300", "3", "12", "24", "60", "239", "0.5"]
            .randomElement(using: &rng)!
        bytes.replaceSubrange(start..<end, with: Array(replacement.utf8))
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func mutatedChainScenariosNeverTrap() throws {
        var rng = RandomStream(seed: 20_261_130, trial: 0, role: 3)
        var simulated = 0
        for _ in 0..<500 {
            var text = Self.examples[Int.random(in: 0..<Self.examples.count, using: &rng)]
            for _ in 0..<Int.random(in: 1...2, using: &rng) { text = Self.mutateNumber(text, using: &rng) }
            let reading = ScenarioReader.read(text)
            #expect((reading.scenario == nil) != reading.errors.isEmpty)
            guard let scenario = reading.scenario, scenario.horizonPeriods <= 60 else { continue }
            let result = try Simulation(scenario: scenario).run(SimulationOptions(trials: 4, seed: 1, threads: 1))
            #expect(result.metrics.trials == 4)
            simulated += 1
        }
        #expect(simulated > 100, "only \(simulated) mutated scenarios were valid")
    }
}
