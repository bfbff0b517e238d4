import CLVCore
import CLVReport
import Foundation
import Testing

@Suite struct ManifestTests {
    @Test func recordsTheRunAndCopiesTheScenario() throws {
        let text = #"{"schemaVersion": 1, "name": "m", "horizonPeriods": 12, "annualDiscountRate": 0.1, "seed": 7, "intervals": [0.9, 0.5], "flag": true, "none": null, "big": 1e3}"#
        let parsed = try JSONParser().parse(Array(text.utf8)).get()
        let run = RunInfo(scenarioName: "m", scenarioSHA256: "ab12", trials: 500, seed: 7, threads: 2,
                          elapsedSeconds: 1.23456, version: "9.9.9")
        let rendered = Manifest.document(run: run, scenarioFile: "scenarios/m.json", scenarioDocument: parsed, cores: 4,
                                         files: ["summary.json", "report.html"]).rendered()
        let object = try #require(JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any])
        #expect(object["version"] as? String == "9.9.9")
        let scenario = try #require(object["scenario"] as? [String: Any])
        #expect(scenario["sha256"] as? String == "ab12")
        #expect(scenario["file"] as? String == "scenarios/m.json")
        let document = try #require(scenario["document"] as? [String: Any])
        let original = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(NSDictionary(dictionary: document) == NSDictionary(dictionary: original))
        let runObject = try #require(object["run"] as? [String: Any])
        #expect(runObject["trials"] as? Int == 500)
        #expect(runObject["seed"] as? Int == 7)
        #expect(runObject["threads"] as? Int == 2)
        #expect(runObject["cores"] as? Int == 4)
        #expect(runObject["elapsedSeconds"] as? Double == 1.235)
        #expect(object["files"] as? [String] == ["summary.json", "report.html"])
        // Key order is fixed: the copy keeps the scenario's own order.
        let keys = ["\"schemaVersion\": 1", "\"name\": \"m\"", "\"horizonPeriods\"", "\"flag\": true", "\"none\": null", "\"big\": 1000"]
        var position = try #require(rendered.range(of: "\"document\"")).upperBound
        for key in keys {
            let found = try #require(rendered.range(of: key, range: position..<rendered.endIndex), "\(key)")
            position = found.upperBound
        }
    }
}
