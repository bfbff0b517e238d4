import Foundation
import Testing
import CLVRandom
import CLVTestSupport
@testable import CLVCore
@testable import CLVReport

/// A property-based fuzz target beyond the parser: numbers of the bundled scenarios are mutated
/// (scaled by powers of ten, negated, set to 0, 1 or extremes); every mutant the reader accepts
/// is run for 2 trials and summarised, and its summary JSON, terminal table and HTML report are
/// rendered. A trap would end the test process; beyond that, a run without non-finite trials
/// must give a summary with no NaN or infinity, and every count of the diagnostics must be at
/// most the trials (docs/results.md, "Warnings").
@Suite struct AcceptedScenarioFuzzTests {
    /// The bundled scenarios, parsed.
    static func sources() throws -> [JSONValue] {
        let folder = RepositoryFiles.root().appendingPathComponent("scenarios")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted().map {
            try JSONParser().parse(Array(Data(contentsOf: folder.appendingPathComponent($0)))).get()
        }
    }

    /// Keys whose values stay within a small range, so that no mutant takes long to run.
    static let bounded: [String: ClosedRange<Double>] = [
        "horizonPeriods": 1...240, "trials": 1...100, "periodsPerYear": 1...52, "cyclePeriods": 1...12,
        "fromPeriod": 1...240, "toPeriod": 1...240, "renewals": 0...100, "schemaVersion": 1...1,
    ]

    /// `value` with about one number in `rate` replaced.
    static func mutate(_ value: JSONValue, key: String?, rate: Double, rng: inout RandomStream) -> JSONText {
        switch value.kind {
        case .object(let members):
            return .object(members.map { ($0.key, mutate($0.value, key: $0.key, rate: rate, rng: &rng)) })
        case .array(let elements):
            return .array(elements.map { mutate($0, key: key, rate: rate, rng: &rng) })
        case .number(let text):
            guard let x = Double(text) else { return Manifest.copy(value) }
            if let key, let range = bounded[key] {
                guard rng.nextOpenUnit() < rate else { return Manifest.copy(value) }
                let y = (x * [0.5, 2, 1, 0.1][Int(rng.next() % 4)]).rounded()
                return .integer(Int(min(max(y, range.lowerBound), range.upperBound)))
            }
            guard rng.nextOpenUnit() < rate else { return Manifest.copy(value) }
            let choices: [Double] = [x * pow(10, Double(Int(rng.next() % 13)) - 6), -x, 0, 1, x + 1, x / 3,
                                     1e-300, 1e300, 1.7e308, .leastNonzeroMagnitude, 0.999999, 1e12]
            let y = choices[Int(rng.next() % UInt64(choices.count))]
            return y == y.rounded() && abs(y) < 1e15 ? .integer(Int(y)) : .number(y)
        default:
            return Manifest.copy(value)
        }
    }

    @Test func acceptedMutantsRunAndRenderCleanly() throws {
        let sources = try Self.sources()
        var rng = RandomStream(seed: 20261130, trial: 0, role: 17)
        var accepted = 0, tried = 0
        let cases = 3000
        for k in 0..<cases {
            let source = sources[k % sources.count]
            let text = Self.mutate(source, key: nil, rate: 0.15, rng: &rng).rendered()
            tried += 1
            let reading = ScenarioReader.read(Array(text.utf8))
            guard let scenario = reading.scenario, reading.errors.isEmpty else { continue }
            accepted += 1
            guard let simulation = try? Simulation(scenario: scenario) else { continue }
            var options = SimulationOptions(trials: 2, seed: UInt64(k), threads: 1, extraDiscountRates: k % 5 == 0 ? [0.05] : [])
            options.seriesTrials = 2
            let result = try simulation.run(options)
            let summary = RunSummary(result, scenarioWarnings: reading.warnings.map(\.summaryLine))
            let d = result.diagnostics
            #expect(d.trials == 2 && [d.cappedTrials, d.nonFiniteTrials].allSatisfy { $0 <= 2 })
            #expect((d.strategyCappedTrials + d.strategyClampedTrials).allSatisfy { $0 <= 2 })
            let info = RunInfo(scenarioName: scenario.name, scenarioSHA256: "0", trials: 2, seed: UInt64(k), threads: 1,
                               elapsedSeconds: 0, version: "fuzz")
            let json = SummaryJSON.document(summary, run: info).rendered()
            let html = HTMLReport.render(summary: summary, result: result, run: info)
            _ = SummaryTable.lines(summary, run: info, scenario: scenario)
            #expect(html.hasSuffix("</html>\n"))
            if d.nonFiniteTrials == 0 {
                // Every money metric was finite in every trial: every such summary is a finite Stat.
                var stats = summary.metrics.map(\.stat)
                for segment in summary.segments { stats += [segment.clv, segment.residualClv] }
                for strategy in summary.strategies { stats += [strategy.incrementalValue, strategy.cost, strategy.netValue] }
                for (n, stat) in stats.enumerated() {
                    let values = stat.map { [$0.mean, $0.sd, $0.standardError] + $0.intervals.flatMap { [$0.lower, $0.upper] } } ?? [.nan]
                    let finite = values.allSatisfy { $0.isFinite }
                    let shown = String(text.prefix(400))
                    #expect(finite, "case \(k), stat \(n): \(shown)")
                }
                #expect(!json.contains("NaN") && !json.contains("Infinity"))
            }
        }
        // Enough mutants pass the reader to mean something.
        #expect(accepted > cases / 10, "\(accepted) of \(tried) mutants accepted")
    }
}
