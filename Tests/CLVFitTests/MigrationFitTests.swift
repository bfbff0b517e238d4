import CLVRandom
import Testing
@testable import CLVFit

@Suite struct MigrationFitTests {
    let table = """
        from,to,count
        basic,basic,60
        basic,premium,8
        basic,lost,32
        premium,premium,40
        premium,basic,3
        premium,family,6
        family,family,20
        """

    @Test func posteriorsOfASmallTable() throws {
        let fit = try MigrationFit(counts: try MigrationFit.counts(csv: try CSVTable(parsing: table)))
        #expect(fit.origins.map(\.segment) == ["basic", "premium", "family"])
        let basic = fit.origins[0]
        #expect(basic.line == 2)
        #expect(basic.renewed == 68 && basic.lost == 32)
        // Dirichlet(1 + 60, 1 + 8): A = 70; premium's marginal Beta(9, 61).
        #expect(basic.dirichletTotal == 70)
        #expect(basic.destinations.map(\.segment) == ["premium"])
        #expect(basic.destinations[0].posterior == BetaPosterior(alpha: 9, beta: 61))
        #expect(basic.stay == BetaPosterior(alpha: 61, beta: 9))
        #expect(basic.renewal == BetaPosterior(alpha: 69, beta: 33))
        let premium = fit.origins[1]
        // Dirichlet(41, 4, 7): A = 52.
        #expect(premium.destinations.map(\.posterior) == [BetaPosterior(alpha: 4, beta: 48), BetaPosterior(alpha: 7, beta: 45)])
        #expect(premium.lost == nil && premium.renewal == nil)
        #expect(premium.destinations.map(\.line) == [6, 7])
        let bounds = premium.upperBounds
        #expect(abs(bounds[0] - 4.0 / 11) < 1e-15 && abs(bounds[1] - 7.0 / 11) < 1e-15)
        #expect(fit.origins[2].destinations.isEmpty)
    }

    @Test func fragmentsWriteMigrationAndRetention() throws {
        let fit = try MigrationFit(counts: try MigrationFit.counts(csv: try CSVTable(parsing: table)))
        let fragments = ScenarioFragment.migration(fit)
        #expect(fragments.map(\.segment) == ["basic", "premium", "family"])
        // One destination: the exact Beta marginal; lost counts: the renewal rate's posterior.
        #expect(fragments[0].fields["migration"] == .array([.object([
            "to": .string("premium"),
            "probability": .object(["dist": .string("beta"), "alpha": .number(9), "beta": .number(61)])])]))
        #expect(fragments[0].fields["retention"] == .object([
            "model": .string("constant"),
            "rate": .object(["dist": .string("beta"), "alpha": .number(69), "beta": .number(33)])]))
        #expect(fragments[0].replacedPathPrefixes == ["migration", "retention."])
        // Two destinations: truncated normals whose upper bounds sum to at most 1.
        guard case .array(let moves)? = fragments[1].fields["migration"] else {
            Issue.record("premium has no migration")
            return
        }
        #expect(moves.count == 2)
        var upper = 0.0
        for (move, d) in zip(moves, fit.origins[1].destinations) {
            let p = try #require(move["probability"])
            #expect(p["dist"] == .string("normal"))
            #expect(p["min"] == .number(0))
            #expect(p["mean"] == .number(ScenarioFragment.rounded(d.posterior.mean)))
            #expect(p["sd"] == .number(ScenarioFragment.rounded(d.posterior.sd)))
            guard case .number(let u)? = p["max"] else { Issue.record("no max"); continue }
            upper += u
        }
        #expect(upper <= 1)
        #expect(fragments[1].fields["retention"] == nil)
        // Only stays: the migration key is removed.
        #expect(fragments[2].removedFields == ["migration"])
        #expect(fragments[2].fields.isEmpty)
        #expect(ScenarioFragment.migration(fit, includeRetention: false)[0].fields["retention"] == nil)
    }

    @Test(arguments: [[0.5, 0.5], [1.0 / 3, 1.0 / 3, 1.0 / 3], [0.1, 0.2, 0.7], [0.999_999_7, 0.000_000_3],
                      Array(repeating: 0.01, count: 100)])
    func writtenUpperBoundsNeverSumAboveOne(bounds: [Double]) {
        let written = ScenarioFragment.supportBounds(bounds)
        #expect(written.reduce(0, +) <= 1 - 0.5e-6)
        #expect(written.allSatisfy { $0 > 0 })
        for (w, b) in zip(written, bounds) { #expect(w <= b + 1e-15 || w == 1e-6) }
    }

    @Test func updateWritesEverySegmentsKeys() throws {
        let scenario = """
            {"schemaVersion": 1, "name": "tiers", "horizonPeriods": 24, "annualDiscountRate": 0.1,
             "segments": [
               {"name": "basic", "revenue": 10, "retention": {"model": "sbg", "alpha": 1, "beta": 3}},
               {"name": "premium", "revenue": 30, "retention": {"model": "constant", "rate": 0.9}},
               {"name": "family", "revenue": 40, "retention": {"model": "constant", "rate": 0.9},
                "migration": [{"to": "basic", "probability": 0.1}]}],
             "correlations": [{"between": ["segments.basic.retention.alpha", "segments.basic.revenue"], "rank": 0.3}]}
            """
        let fit = try MigrationFit(counts: try MigrationFit.counts(csv: try CSVTable(parsing: table)))
        var text = scenario
        for fragment in ScenarioFragment.migration(fit) {
            text = try ScenarioUpdate.apply(fragment, toScenario: Array(text.utf8))
        }
        let updated = try JSONTree(parsing: Array(text.utf8))
        guard case .array(let segments)? = updated["segments"] else {
            Issue.record("no segments")
            return
        }
        #expect(segments[0]["retention"]?["model"] == .string("constant"))
        #expect(segments[0]["migration"]?.arrayCount == 1)
        #expect(segments[0]["revenue"] == .number(10))
        #expect(segments[1]["migration"]?.arrayCount == 2)
        #expect(segments[1]["retention"]?["rate"] == .number(0.9))
        #expect(segments[2]["migration"] == nil)
        // The old sBG correlation described a replaced model.
        #expect(updated["correlations"] == .array([]))
        #expect(try ScenarioUpdate.segmentNames(inScenario: Array(scenario.utf8)) == ["basic", "premium", "family"])
    }

    @Test func unknownSegmentsNameTheirLine() throws {
        let fit = try MigrationFit(counts: try MigrationFit.counts(csv: try CSVTable(parsing: table)))
        #expect(throws: FitError(line: 7, "the scenario has no segment named \"family\"; its segments are: basic, premium")) {
            try fit.checkSegments(known: ["basic", "premium"])
        }
        #expect(throws: FitError(line: 2, "the scenario has no segment named \"basic\"; its segments are: premium, family")) {
            try fit.checkSegments(known: ["premium", "family"])
        }
        try fit.checkSegments(known: ["family", "premium", "basic"])
    }

    static let malformed: [(text: String, error: FitError)] = [
        ("", FitError(line: 1, "the file is empty; expected a header from,to,count and one row per pair of segments")),
        ("from,to,count\n", FitError("the file holds a header but no counts")),
        ("a,b,3\n", FitError(line: 1, "the first line must be a header naming the columns from, to, count")),
        ("from,to,count,when\na,b,1,x\n", FitError(line: 1, "column 4: unknown column \"when\"; the columns are from, to, count")),
        ("from,count\na,1\n", FitError(line: 1, "the header lacks the column to; the columns are from, to, count")),
        ("from,to,count\na,b,-3\n", FitError(line: 2, "column 3 (count): -3 is negative")),
        ("from,to,count\na,b,2.5\n", FitError(line: 2, "column 3 (count): \"2.5\" is not a whole number")),
        ("to,from,count\nb,a,x\n", FitError(line: 2, "column 3 (count): \"x\" is not a whole number")),
        ("from,to,count\na,a,3\na,b\n", FitError(line: 3, "expected 3 fields, found 2")),
        ("from,to,count\na,a,3\na,a,4\n", FitError(line: 3, "from a to a appears twice (also on line 2); give one count per pair")),
        ("from,to,count\na,a,3\nb,lost,4\n", FitError(line: 3, "segment b has no renewals (no customer stayed or moved); migration is conditional on renewing, so at least one count must be a renewal")),
        ("from,to,count\na,,3\n", FitError(line: 2, "the to segment is empty")),
        ("from,to,count\nlost,a,3\n", FitError(line: 2, "\"lost\" is the token for customers who did not renew and cannot be a from segment; choose another with --lost")),
    ]

    @Test(arguments: 0..<malformed.count)
    func malformedTablesAreErrorsAtTheirLine(index: Int) {
        let (text, error) = Self.malformed[index]
        #expect(throws: error) { try MigrationFit(csvBytes: Array(text.utf8)) }
    }

    @Test func aConfigurableLostToken() throws {
        let fit = try MigrationFit(csvBytes: Array("from,to,count\na,a,3\na,churned,1\n".utf8), lostToken: "churned")
        #expect(fit.origins[0].lost == 1 && fit.origins[0].destinations.isEmpty)
    }

    /// Counts of `customers` per origin moving with renewal rate `renewal` and, among renewals,
    /// probabilities `moves` (stay first), by sequential binomials.
    static func simulatedCounts(renewal: Double, moves: [Double], customers: Int, seed: UInt64) -> [MigrationFit.Count] {
        var rng = RandomStream(seed: seed, trial: 0, role: 12)
        let renewed = Sampler.binomial(count: customers, probability: renewal, using: &rng)
        var counts = [MigrationFit.Count(from: "s0", to: "lost", count: customers - renewed)]
        var left = renewed, mass = 1.0
        for (i, p) in moves.enumerated() {
            let n = i == moves.count - 1 ? left : Sampler.binomial(count: left, probability: min(1, p / mass), using: &rng)
            counts.append(MigrationFit.Count(from: "s0", to: "s\(i)", count: n))
            left -= n
            mass -= p
        }
        return counts
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func posteriorsRecoverTheTrueProbabilitiesWithinThreeSD(seed: UInt64) throws {
        let moves = [0.8, 0.12, 0.05, 0.03]
        let fit = try MigrationFit(counts: Self.simulatedCounts(renewal: 0.7, moves: moves, customers: 5000, seed: seed))
        let origin = fit.origins[0]
        #expect(origin.destinations.map(\.segment) == ["s1", "s2", "s3"])
        for (d, truth) in zip(origin.destinations, moves.dropFirst()) {
            #expect(abs(d.posterior.mean - truth) < 3 * d.posterior.sd, "\(d.segment): \(d.posterior.mean) ± \(d.posterior.sd), true \(truth)")
        }
        #expect(abs(origin.stay.mean - moves[0]) < 3 * origin.stay.sd)
        let renewal = try #require(origin.renewal)
        #expect(abs(renewal.mean - 0.7) < 3 * renewal.sd)
    }
}

extension JSONTree {
    /// The number of elements, when this is an array.
    var arrayCount: Int? {
        if case .array(let a) = self { return a.count }
        return nil
    }
}
