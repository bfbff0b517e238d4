import Foundation
import Testing
@testable import CLVCore

/// Large inputs are handled or rejected with a clear message, without exhausting memory.
@Suite struct ScenarioSizeLimitTests {
    let fiftyMegabytes = 50 * 1_000_000

    @Test func fiftyMegabytesOfWhitespaceAroundAValidScenarioIsHandled() throws {
        var bytes = Array(minimalScenario.utf8)
        let padding = [UInt8](repeating: UInt8(ascii: " "), count: fiftyMegabytes)
        bytes.insert(contentsOf: padding, at: 1)
        for i in stride(from: 1, to: fiftyMegabytes, by: 100) { bytes[i] = UInt8(ascii: "\n") }
        let reading = ScenarioReader.read(bytes)
        #expect(reading.errors.isEmpty)
        #expect(reading.scenario?.name == "minimal")
    }

    @Test func fiftyMegabyteSampleListIsRejectedWithTheLimit() {
        let parts = minimalScenario.components(separatedBy: #""revenue": 10"#)
        let head = Array((parts[0] + #""revenue": {"dist": "empirical", "samples": ["#).utf8)
        let tail = Array(("0]}" + parts[1]).utf8)
        var bytes = head
        bytes.reserveCapacity(fiftyMegabytes + head.count + tail.count)
        let sample = Array("12.5,".utf8)
        while bytes.count < fiftyMegabytes { bytes.append(contentsOf: sample) }
        bytes.append(contentsOf: tail)
        let reading = ScenarioReader.read(bytes)
        #expect(reading.scenario == nil)
        #expect(reading.errors.count == 1)
        #expect(reading.errors.first?.message.contains("more than 5000000 JSON values") == true)
    }

    @Test func longSampleListBelowTheValueLimitIsRejectedAtItsPath() {
        let samples = Array(repeating: "1.5", count: 1_200_000).joined(separator: ",")
        let text = minimalScenario.replacingOccurrences(of: #""revenue": 10"#, with: #""revenue": {"dist": "empirical", "samples": [\#(samples)]}"#)
        let errors = ScenarioReader.read(text).errors
        #expect(errors.map(\.path) == ["$.segments[0].revenue.samples"])
        #expect(errors.first?.message.contains("the limit is 1000000") == true)
    }

    @Test func filesOverTheSizeLimitAreRejectedBeforeParsing() {
        let bytes = [UInt8](repeating: UInt8(ascii: " "), count: ScenarioLimits.maximumFileBytes + 1)
        let errors = ScenarioReader.read(bytes).errors
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("the limit is 67108864 bytes (64 MiB)") == true)
    }
}

/// Files with very many mistakes stay cheap: only the first problems get suggestions and positions.
@Suite struct ScenarioManyProblemsTests {
    @Test func hundredsOfThousandsOfUnknownAndDuplicateKeysAreCountedQuickly() {
        var text = minimalScenario
        text.removeLast()   // the closing brace
        let longKey = String(repeating: "segmentz", count: 7)
        for i in 0..<150_000 { text += ", \"\(longKey)\(i)\": 1, \"horizonPeriods\": 3" }
        text += "}"
        let start = ContinuousClock.now
        let errors = ScenarioReader.read(text).errors
        let elapsed = ContinuousClock.now - start
        #expect(errors.count == ScenarioLimits.maximumReportedErrors + 1)
        #expect(errors.last?.message == "and \(300_000 - ScenarioLimits.maximumReportedErrors) more problems not listed")
        // Generous bound for a debug build on a shared machine; without the cap this takes hours.
        #expect(elapsed < .seconds(60))
    }
}
