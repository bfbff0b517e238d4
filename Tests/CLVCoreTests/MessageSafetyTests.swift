import Foundation
import Testing
@testable import CLVCore

/// Problem lines stay one line, escape what they echo, and stay short however many names a file
/// holds (docs/scenario-format.md, "Checking a file").
@Suite struct MessageSafetyTests {
    @Test func pathEscapesAreFourHexDigits() {
        #expect(JSONPath.member("$", "a\nb") == "$[\"a\\u000ab\"]")
        #expect(JSONPath.member("$", "\u{1b}[31m") == "$[\"\\u001b[31m\"]")
        #expect(JSONPath.member("$", "\u{7f}\u{9b}") == "$[\"\\u007f\\u009b\"]")
        #expect(JSONPath.member("$", "q\"\\") == "$[\"q\\\"\\\\\"]")
    }

    @Test func controlCharactersInEchoedNamesAreEscaped() throws {
        let text = """
            {"schemaVersion": 1, "name": "m", "horizonPeriods": 12, "annualDiscountRate": 0.1,
             "segments": [{"name": "bad\\nname\\u001b[2J", "retention": {"model": "constant", "rate": 0.9}, "revenue": 10}],
             "acquisition": [{"segment": "x\\ny\\u001b]0;pwned\\u0007", "fromPeriod": 1, "toPeriod": 2, "customersPerPeriod": 5}],
             "unknown\\u001bkey": 1}
            """
        let reading = read(text)
        #expect(!reading.errors.isEmpty)
        for issue in reading.errors {
            let line = issue.formatted(file: "f.json")
            #expect(!line.contains("\n"), "\(line)")
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }, "\(line)")
        }
        let all = reading.errors.map { $0.formatted(file: "f.json") }.joined(separator: "\n")
        #expect(all.contains("\\u001b"))
        #expect(all.contains("\\u000a"))
    }

    @Test func suggestionsNameAFewCloseNamesNeverTheWholeList() {
        let names = (0..<1000).map { "segment-\($0)" }
        #expect(KeySuggestion.hint(for: "segment-1x", among: names, otherwise: "none")
                == "did you mean \"segment-1\", \"segment-10\" or \"segment-11\"?")
        #expect(KeySuggestion.hint(for: "monthy", among: ["monthly", "annual"], otherwise: "none") == "did you mean \"monthly\"?")
        #expect(KeySuggestion.hint(for: "zzzzzzzz", among: names, otherwise: "none") == "none")
        let listed = KeySuggestion.quotedList(names)
        #expect(listed == "\"segment-0\", \"segment-1\", \"segment-2\", \"segment-3\", \"segment-4\", … (995 more)")
    }

    @Test func manyErrorsAgainstManySegmentsStayShort() {
        let segments = (0..<1000).map { "{\"name\": \"s\($0)\", \"retention\": {\"model\": \"constant\", \"rate\": 0.9}, \"revenue\": 1}" }
        let plans = (0..<600).map { "{\"segment\": \"unknown-\($0)\", \"fromPeriod\": 1, \"toPeriod\": 2, \"customersPerPeriod\": 5}" }
        let text = """
            {"schemaVersion": 1, "name": "m", "horizonPeriods": 12, "annualDiscountRate": 0.1,
             "segments": [\(segments.joined(separator: ","))], "acquisition": [\(plans.joined(separator: ","))]}
            """
        let reading = read(text)
        #expect(reading.errors.count >= 100)
        let total = reading.errors.map { $0.formatted(file: "f.json").utf8.count }.reduce(0, +)
        #expect(reading.errors.allSatisfy { $0.formatted(file: "f.json").utf8.count < 400 })
        #expect(total < 200_000, "\(total) bytes of problems for \(text.utf8.count) bytes of file")
    }
}
