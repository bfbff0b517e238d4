import CLVCore

/// What a shard file says about itself: enough to check that shards belong together and to
/// rebuild the run they are parts of (docs/distributed.md "What a shard file holds").
public struct ShardHeader: Sendable, Equatable {
    /// The clvsim version that wrote the shard.
    public var version: String
    public var scenarioName: String
    /// The scenario path as given on the shard's command line (copied into manifest.json).
    public var scenarioFile: String
    /// Hex SHA-256 of the scenario file's bytes.
    public var scenarioSHA256: String
    /// The scenario file's whole text, so that a merge needs no access to it.
    public var scenarioText: String
    public var seed: UInt64
    /// The whole run's trial count `T`.
    public var trials: Int
    public var shard: Shard
    /// The shard's trials: [firstTrial, firstTrial + count).
    public var firstTrial: Int
    public var count: Int
    public var sampling: SimulationOptions.Sampling
    public var extraDiscountRates: [Double]
    /// The metric whose sensitivity the merged summary analyses (its column name).
    public var sensitivityMetric: String
    public var metricNames: [String]
    public var inputNames: [String]
    /// Rows of the period series in this shard, periods per row, and groups of customers by
    /// state per row (`CustomerStates`; 0 without dynamics).
    public var seriesTrials: Int
    public var periods: Int
    public var seriesStates: Int
    public var diagnostics: RunDiagnostics

    public init(version: String, scenarioName: String, scenarioFile: String, scenarioSHA256: String,
                scenarioText: String, result: SimulationResult, shard: Shard, sensitivityMetric: String) {
        self.version = version
        self.scenarioName = scenarioName
        self.scenarioFile = scenarioFile
        self.scenarioSHA256 = scenarioSHA256
        self.scenarioText = scenarioText
        seed = result.options.seed
        trials = result.options.wholeRunTrials ?? result.options.trials
        self.shard = shard
        firstTrial = result.options.firstTrial
        count = result.metrics.trials
        sampling = result.options.sampling
        extraDiscountRates = result.layout.extraDiscountRates
        self.sensitivityMetric = sensitivityMetric
        metricNames = result.metrics.names
        inputNames = result.inputs.names
        seriesTrials = result.series.trials
        periods = result.series.periods
        seriesStates = result.series.states
        diagnostics = result.diagnostics
    }

    /// The header as JSON. Key order is fixed, so equal headers render to equal bytes.
    ///
    /// - Complexity: O(size of the scenario text + columns).
    public func document() -> JSONText {
        let d = diagnostics
        return .object([
            ("format", .integer(1)),
            ("tool", .string("clvsim")),
            ("version", .string(version)),
            ("scenario", .object([
                ("name", .string(scenarioName)), ("file", .string(scenarioFile)),
                ("sha256", .string(scenarioSHA256)), ("text", .string(scenarioText)),
            ])),
            ("run", .object([
                ("seed", .string(String(seed))), ("trials", .integer(trials)),
                ("shards", .integer(shard.count)), ("index", .integer(shard.index)),
                ("firstTrial", .integer(firstTrial)), ("count", .integer(count)),
                ("sampling", .string(sampling.rawValue)),
                ("extraDiscountRates", .array(extraDiscountRates.map { .number($0) })),
                ("sensitivityMetric", .string(sensitivityMetric)),
            ])),
            ("columns", .object([
                ("metrics", .array(metricNames.map { .string($0) })),
                ("inputs", .array(inputNames.map { .string($0) })),
            ])),
            // `states` only when there are groups, so a shard without dynamics is as before.
            ("series", .object([("trials", .integer(seriesTrials)), ("periods", .integer(periods))]
                               + (seriesStates > 0 ? [("states", .integer(seriesStates))] : []))),
            ("diagnostics", .object([
                ("trials", .integer(d.trials)), ("cappedTrials", .integer(d.cappedTrials)),
                ("nonFiniteTrials", .integer(d.nonFiniteTrials)),
                ("strategyCappedTrials", .array(d.strategyCappedTrials.map { .integer($0) })),
                ("strategyClampedTrials", .array(d.strategyClampedTrials.map { .integer($0) })),
            ])),
        ])
    }

    /// Reads a header from its JSON bytes; nil when they are not a header this version of the
    /// format can read (the merge then says the file is damaged or of another version).
    ///
    /// - Complexity: O(header size).
    public init?(bytes: [UInt8]) {
        guard case .success(let root) = JSONParser().parse(bytes),
              root["format"]?.int == 1,
              let version = root["version"]?.string,
              let scenario = root["scenario"], let run = root["run"], let columns = root["columns"],
              let series = root["series"], let counts = root["diagnostics"],
              let name = scenario["name"]?.string, let file = scenario["file"]?.string,
              let sha = scenario["sha256"]?.string, let text = scenario["text"]?.string,
              let seedText = run["seed"]?.string, let seed = UInt64(seedText),
              let trials = run["trials"]?.int, let shards = run["shards"]?.int, let index = run["index"]?.int,
              let shard = Shard(index: index, count: shards),
              let firstTrial = run["firstTrial"]?.int, let count = run["count"]?.int,
              let samplingText = run["sampling"]?.string,
              let sampling = SimulationOptions.Sampling(rawValue: samplingText),
              let rates = run["extraDiscountRates"]?.array?.map(\.double), !rates.contains(nil),
              let sensitivity = run["sensitivityMetric"]?.string,
              let metricNames = columns["metrics"]?.array?.map(\.string), !metricNames.contains(nil),
              let inputNames = columns["inputs"]?.array?.map(\.string), !inputNames.contains(nil),
              let seriesTrials = series["trials"]?.int, let periods = series["periods"]?.int,
              let seriesStates = series["states"] == nil ? 0 : series["states"]?.int,
              let capped = counts["strategyCappedTrials"]?.array?.map(\.int), !capped.contains(nil),
              let clamped = counts["strategyClampedTrials"]?.array?.map(\.int), !clamped.contains(nil),
              let countedTrials = counts["trials"]?.int,
              let diagnostics = RunDiagnostics(
                  trials: countedTrials, cappedTrials: counts["cappedTrials"]?.int ?? -1,
                  nonFiniteTrials: counts["nonFiniteTrials"]?.int ?? -1,
                  strategyCappedTrials: capped.compactMap { $0 }, strategyClampedTrials: clamped.compactMap { $0 }),
              trials >= 1, count >= 0, firstTrial >= 0, seriesTrials >= 0, periods >= 0, seriesStates >= 0,
              seriesStates <= ScenarioLimits.segments.upperBound * (ScenarioLimits.recencyStates.upperBound + 1),
              seriesTrials <= count, count <= trials, periods <= ScenarioLimits.horizonPeriods.upperBound
        else { return nil }
        self.version = version
        scenarioName = name
        scenarioFile = file
        scenarioSHA256 = sha
        scenarioText = text
        self.seed = seed
        self.trials = trials
        self.shard = shard
        self.firstTrial = firstTrial
        self.count = count
        self.sampling = sampling
        extraDiscountRates = rates.compactMap { $0 }
        sensitivityMetric = sensitivity
        self.metricNames = metricNames.compactMap { $0 }
        self.inputNames = inputNames.compactMap { $0 }
        self.seriesTrials = seriesTrials
        self.periods = periods
        self.seriesStates = seriesStates
        self.diagnostics = diagnostics
    }
}

extension JSONValue {
    /// The member `key` of an object; nil for other values or a missing key.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }

    var string: String? {
        if case .string(let s) = kind { return s }
        return nil
    }

    var int: Int? {
        if case .number(let text) = kind { return Int(text) }
        return nil
    }

    var double: Double? {
        if case .number(let text) = kind { return Double(text) }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let elements) = kind { return elements }
        return nil
    }
}
