import CLVCore

/// `manifest.json`: what produced a run's results — a copy of the scenario, its SHA-256, the
/// seed, trials, threads, version, elapsed time and the machine's cores — so that a folder of
/// results can be traced to its inputs and reproduced.
///
/// ```json
/// {"schemaVersion": 1, "tool": "clvsim", "version": "...",
///  "scenario": {"name": "...", "file": "...", "sha256": "...", "document": {...}},
///  "run": {"trials": 10000, "seed": 99, "threads": 2, "elapsedSeconds": 1.2, "cores": 2},
///  "files": ["summary.json", "trials.csv", "report.html"]}
/// ```
public enum Manifest {
    /// The manifest document.
    ///
    /// - Parameters:
    ///   - scenarioFile: the scenario path as given on the command line.
    ///   - scenarioDocument: the parsed scenario file, copied member by member.
    ///   - files: the other files written with this manifest.
    /// - Complexity: O(size of the scenario).
    public static func document(run: RunInfo, scenarioFile: String, scenarioDocument: JSONValue?, cores: Int,
                                files: [String]) -> JSONText {
        .object([
            ("schemaVersion", .integer(1)),
            ("tool", .string("clvsim")),
            ("version", .string(run.version)),
            ("scenario", .object([
                ("name", .string(run.scenarioName)),
                ("file", .string(scenarioFile)),
                ("sha256", .string(run.scenarioSHA256)),
                ("document", scenarioDocument.map(copy) ?? .null),
            ])),
            ("run", .object([
                ("trials", .integer(run.trials)),
                ("seed", SummaryJSON.seedValue(run.seed)),
                ("threads", .integer(run.threads)),
                ("elapsedSeconds", .number((run.elapsedSeconds * 1000).rounded() / 1000)),
                ("cores", .integer(cores)),
            ])),
            ("files", .array(files.map { .string($0) })),
        ])
    }

    /// A parsed JSON value as a `JSONText`: whole numbers that fit an `Int` stay integers,
    /// other numbers become the nearest double.
    ///
    /// - Complexity: O(size of the value).
    public static func copy(_ value: JSONValue) -> JSONText {
        switch value.kind {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let text):
            if let whole = Int(text) { return .integer(whole) }
            return .number(Double(text))
        case .string(let s): return .string(s)
        case .array(let elements): return .array(elements.map(copy))
        case .object(let members): return .object(members.map { ($0.key, copy($0.value)) })
        }
    }
}
