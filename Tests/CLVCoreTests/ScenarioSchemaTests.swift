import Foundation
import Testing
import CLVTestSupport
@testable import CLVCore

extension SchemaValue {
    /// The schema-check form of a parsed JSON value.
    init(_ value: JSONValue) {
        switch value.kind {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let text): self = .number(Double(text) ?? .nan)
        case .string(let s): self = .string(s)
        case .array(let elements): self = .array(elements.map(SchemaValue.init))
        case .object(let members): self = .object(members.map { ($0.key, SchemaValue($0.value)) })
        }
    }

    init(json text: String) throws {
        self.init(try JSONParser().parse(Array(text.utf8)).get())
    }
}

@Suite struct ScenarioSchemaTests {
    let schema: SchemaValue
    let checker: JSONSchemaCheck

    init() throws {
        schema = try SchemaValue(json: ScenarioSchema.json)
        checker = JSONSchemaCheck(schema: schema)
    }

    @Test func schemaIsDraft202012AndUsesOnlyCheckedKeywords() {
        #expect(schema["$schema"] == .string("https://json-schema.org/draft/2020-12/schema"))
        #expect(checker.unsupportedKeywords().isEmpty, "\(checker.unsupportedKeywords())")
        #expect(schema["$defs"]?["Dist"] != nil && schema["$defs"]?["Segment"] != nil)
    }

    @Test func everyExampleSatisfiesTheSchema() throws {
        for file in RepositoryFiles.scenarioFiles() {
            let instance = try SchemaValue(json: String(decoding: try Data(contentsOf: file), as: UTF8.self))
            #expect(checker.violations(of: instance).isEmpty, "\(file.lastPathComponent): \(checker.violations(of: instance))")
        }
    }

    @Test(arguments: [
        (#""horizonPeriods": 12"#, #""horizonPeriods": 0"#),
        (#""horizonPeriods": 12"#, #""horizonPeriods": 2.5"#),
        (#""schemaVersion": 1"#, #""schemaVersion": 2"#),
        (#""revenue": 10"#, #""revenue": "10""#),
        (#""revenue": 10"#, #""revenue": {"dist": "gamma", "shape": 1}"#),
        (#""revenue": 10"#, #""revenue": {"dist": "gamma", "shape": 1, "scale": 2, "mean": 2}"#),
        (#""revenue": 10"#, #""revenue": 10, "revnue": 3"#),
        (#""model": "constant""#, #""model": "sbgg""#),
        (#""rate": 0.9"#, #""rate": 0.9, "alpha": 1"#),
        (#""name": "minimal", "#, ""),
        (#""revenue": 10}]"#, #""revenue": 10}], "acquisition": [{"segment": "s", "fromPeriod": 1, "toPeriod": 2, "customersPerPeriod": 5, "cac": 3}]"#),
        (#""revenue": 10}]"#, #""revenue": 10}], "strategies": [{"name": "x", "changes": [{"target": "segments.s.revenue", "add": 1, "multiply": 2}]}]"#),
        (#""revenue": 10}]"#, #""revenue": 10}], "correlations": [{"between": ["annualDiscountRate"], "rank": 0.5}]"#),
        // Customer dynamics: recency retention, billing cycles, migration.
        (#"{"model": "constant", "rate": 0.9}"#, #"{"model": "recency"}"#),
        (#"{"model": "constant", "rate": 0.9}"#, #"{"model": "recency", "purchaseProbability": []}"#),
        (#"{"model": "constant", "rate": 0.9}"#, #"{"model": "recency", "purchaseProbability": [0.3, "0.2"]}"#),
        (#"{"model": "constant", "rate": 0.9}"#, #"{"model": "recency", "purchaseProbability": [0.3], "rate": 0.9}"#),
        (#"{"model": "constant", "rate": 0.9}"#, #"{"model": "recency", "purchaseProbability": [0.3, 0.2]}, "recency": 0"#),
        (#""revenue": 10"#, #""revenue": 10, "billingPeriods": 0"#),
        (#""revenue": 10"#, #""revenue": 10, "billingPeriods": 6001"#),
        (#""revenue": 10"#, #""revenue": 10, "billingPeriods": 1.5"#),
        (#""revenue": 10"#, #""revenue": 10, "migration": {"to": "s", "probability": 0.1}"#),
        (#""revenue": 10"#, #""revenue": 10, "migration": [{"probability": 0.1}]"#),
        (#""revenue": 10"#, #""revenue": 10, "migration": [{"to": "s", "probability": 0.1, "when": 1}]"#),
    ] as [(String, String)])
    func invalidInstancesAreRejected(old: String, new: String) throws {
        let text = minimalScenario.replacingOccurrences(of: old, with: new)
        #expect(text != minimalScenario)
        #expect(!checker.violations(of: try SchemaValue(json: text)).isEmpty)
        // The reader rejects them too: it checks everything the schema does.
        #expect(ScenarioReader.read(text).scenario == nil)
    }

    @Test func minimalScenarioSatisfiesTheSchema() throws {
        #expect(checker.violations(of: try SchemaValue(json: minimalScenario)).isEmpty)
    }

    /// Every key of customer dynamics, in a scenario the reader accepts: the schema accepts it too.
    @Test func customerDynamicsSatisfyTheSchema() throws {
        let text = """
            {"schemaVersion": 1, "name": "dynamics", "horizonPeriods": 24, "annualDiscountRate": 0.1,
             "segments": [
              {"name": "catalogue", "customers": 100, "recency": 3, "revenue": 40,
               "retention": {"model": "recency", "purchaseProbability": [0.3, {"dist": "beta", "mean": 0.2, "sd": 0.05}, 0.1]}},
              {"name": "monthly", "customers": 100, "retention": {"model": "constant", "rate": 0.95}, "revenue": 10,
               "migration": [{"to": "annual", "probability": {"dist": "uniform", "min": 0.01, "max": 0.05}}]},
              {"name": "annual", "customers": 50, "billingPeriods": 12, "retention": {"model": "constant", "rate": 0.8},
               "revenue": 8, "migration": [{"to": "monthly", "probability": 0.2}]}],
             "correlations": [{"between": ["segments.catalogue.retention.purchaseProbability.1",
                                           "segments.monthly.migration.0.probability"], "rank": 0.3}]}
            """
        #expect(read(text).errors.isEmpty, "\(read(text).errors.map(\.description))")
        let violations = checker.violations(of: try SchemaValue(json: text))
        #expect(violations.isEmpty, "\(violations)")
    }

    /// The official draft 2020-12 metaschema accepts the schema, and the reference implementation
    /// (python-jsonschema) accepts every example. Requires python3 with jsonschema (installed by
    /// `.ci/setup`); fails rather than skips when they are missing.
    @Test func officialMetaschemaAcceptsTheSchema() throws {
        let folder = TemporaryFolder(prefix: "clvsim-schema")
        let schemaFile = folder.file("schema.json")
        try Data(ScenarioSchema.json.utf8).write(to: schemaFile)
        let examples = RepositoryFiles.scenarioFiles().map(\.path)
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            for path in sys.argv[2:]:
                errors = list(validator.iter_errors(json.load(open(path))))
                if errors:
                    print(path, errors[0].message)
                    sys.exit(3)
            print("ok", len(sys.argv) - 2)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schemaFile.path] + examples
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 with jsonschema is required (see .ci/setup): \(text)")
        #expect(text.contains("ok \(examples.count)"), "\(text)")
    }
}
