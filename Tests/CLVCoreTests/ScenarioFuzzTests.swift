import Foundation
import Testing
import CLVRandom
import CLVTestSupport
@testable import CLVCore

/// Mutated example scenarios: reading must always return a result — never trap, never hang.
@Suite struct ScenarioFuzzTests {
    /// One mutation of a scenario text.
    enum Mutation: CaseIterable {
        case flipByte, deleteByte, deleteLine, duplicateLine, swapType, hugeNumber, negativeNumber, truncate, insertJunk
    }

    static let replacements = ["\"text\"", "{}", "[]", "true", "null", "[1, 2]", "{\"dist\": \"normal\"}", "0",
                               "1e400", "-1e308", "99999999999999999999999", "-5", "0.5", "\"segments.x.revenue\""]

    func mutate<G: RandomNumberGenerator>(_ bytes: [UInt8], _ mutation: Mutation, using rng: inout G) -> [UInt8] {
        var bytes = bytes
        guard !bytes.isEmpty else { return bytes }
        let at = Int.random(in: 0..<bytes.count, using: &rng)
        switch mutation {
        case .flipByte:
            bytes[at] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
        case .deleteByte:
            bytes.remove(at: at)
        case .deleteLine, .duplicateLine:
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
            let line = Int.random(in: 0..<lines.count, using: &rng)
            if mutation == .deleteLine { lines.remove(at: line) } else { lines.insert(lines[line], at: line) }
            bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        case .swapType, .hugeNumber, .negativeNumber:
            // Replace a value (the token after a ':' or '[' or ',') with another kind of value.
            let starts = bytes.indices.filter { bytes[$0] == UInt8(ascii: ":") || bytes[$0] == UInt8(ascii: ",") }
            guard let colon = starts.randomElement(using: &rng) else { return bytes }
            var end = colon + 1
            while end < bytes.count, bytes[end] == UInt8(ascii: " ") { end += 1 }
            let valueStart = end
            while end < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: "\n")].contains(bytes[end]) { end += 1 }
            let replacement: String
            switch mutation {
            case .hugeNumber: replacement = ["1e400", "1e308", "18446744073709551616", "123456789012345678901234567890", "4e9"].randomElement(using: &rng)!
            case .negativeNumber: replacement = ["-1", "-0.5", "-1e300", "-9223372036854775809"].randomElement(using: &rng)!
            default: replacement = Self.replacements.randomElement(using: &rng)!
            }
            bytes.replaceSubrange(valueStart..<end, with: Array(replacement.utf8))
        case .truncate:
            bytes = Array(bytes[0..<at])
        case .insertJunk:
            let junk = ["{", "[", "\"", "\\", ",", "\u{0}", "é", "\u{FF}", "]]]]", "{\"a\":"].randomElement(using: &rng)!
            bytes.insert(contentsOf: Array(junk.utf8), at: at)
        }
        return bytes
    }

    @Test func mutatedExamplesAlwaysGiveAResult() throws {
        let examples = try RepositoryFiles.scenarioFiles().map { Array(try Data(contentsOf: $0)) }
        try #require(examples.count >= 5)
        var rng = RandomStream(seed: 20_261_123, trial: 0, role: 1)
        var outcomes = [0, 0]   // valid, invalid
        let cases = 4000
        for _ in 0..<cases {
            var bytes = examples[Int.random(in: 0..<examples.count, using: &rng)]
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                bytes = mutate(bytes, Mutation.allCases.randomElement(using: &rng)!, using: &rng)
            }
            let reading = ScenarioReader.read(bytes)
            // A result every time: a scenario, or at least one problem — never both, never neither.
            #expect((reading.scenario == nil) != reading.errors.isEmpty)
            for issue in reading.errors { #expect(!issue.message.isEmpty && issue.path.hasPrefix("$")) }
            outcomes[reading.scenario == nil ? 1 : 0] += 1
        }
        // The mutations reach both outcomes, so both code paths are exercised.
        #expect(outcomes[0] > 50 && outcomes[1] > cases / 2, "\(outcomes)")
    }

    @Test func randomBytesNeverTrap() {
        var rng = RandomStream(seed: 7, trial: 0, role: 2)
        for _ in 0..<1000 {
            let bytes = (0..<Int.random(in: 0..<200, using: &rng)).map { _ in
                Bool.random(using: &rng) ? UInt8.random(in: 0...255, using: &rng) : Array("{}[]\":,0123456789.eE-tfn ".utf8).randomElement(using: &rng)!
            }
            let reading = ScenarioReader.read(bytes)
            #expect(reading.scenario == nil && !reading.errors.isEmpty)
        }
    }
}
