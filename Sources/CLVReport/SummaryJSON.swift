import CLVCore

/// Facts about a run that are not results: recorded in the summary's `run` object.
public struct RunInfo: Sendable {
    public var scenarioName: String
    /// Hex SHA-256 of the scenario file's bytes.
    public var scenarioSHA256: String
    public var trials: Int
    public var seed: UInt64
    public var threads: Int
    public var elapsedSeconds: Double
    public var version: String

    public init(scenarioName: String, scenarioSHA256: String, trials: Int, seed: UInt64, threads: Int,
                elapsedSeconds: Double, version: String) {
        self.scenarioName = scenarioName
        self.scenarioSHA256 = scenarioSHA256
        self.trials = trials
        self.seed = seed
        self.threads = threads
        self.elapsedSeconds = elapsedSeconds
        self.version = version
    }
}

/// The summary JSON (docs/results.md, docs/model.md "Summaries"): `clvsim run --json` and `summary.json`.
public enum SummaryJSON {
    /// The summary document. Key order is fixed, so equal summaries render to equal bytes.
    ///
    /// - Complexity: O(metrics).
    public static func document(_ summary: RunSummary, run: RunInfo) -> JSONText {
        var members: [(String, JSONText)] = [
            ("schemaVersion", .integer(1)),
            ("scenario", .object([("name", .string(run.scenarioName)), ("sha256", .string(run.scenarioSHA256))])),
            ("run", .object([
                ("trials", .integer(run.trials)),
                ("seed", seedValue(run.seed)),
                ("threads", .integer(run.threads)),
                ("elapsedSeconds", .number((run.elapsedSeconds * 1000).rounded() / 1000)),
                ("version", .string(run.version)),
            ])),
            ("metrics", .object(summary.metrics.map { ($0.metric.memberKey ?? "", stat($0.stat)) })),
            ("segments", .array(summary.segments.map { segment in
                .object([
                    ("name", .string(segment.name)),
                    ("clv", stat(segment.clv)),
                    ("clvWithReferrals", stat(segment.clvWithReferrals)),
                    ("residualClv", stat(segment.residualClv)),
                    ("ltvToCac", stat(segment.ltvToCac)),
                ] + valueByState(segment))
            })),
            ("strategies", .array(summary.strategies.map { strategy in
                .object([
                    ("name", .string(strategy.name)),
                    ("incrementalValue", stat(strategy.incrementalValue)),
                    ("cost", stat(strategy.cost)),
                    ("netValue", stat(strategy.netValue)),
                    ("romi", stat(strategy.romi)),
                    ("romiUndefinedTrials", .integer(strategy.romiUndefinedTrials)),
                    ("probabilityNetPositive", .number(strategy.probabilityNetPositive)),
                    ("probabilityNetPositiveInterval", .object([
                        ("level", .number(0.95)),
                        ("lower", .number(strategy.probabilityNetPositiveInterval.lower)),
                        ("upper", .number(strategy.probabilityNetPositiveInterval.upper)),
                    ])),
                    ("probabilityBest", .number(strategy.probabilityBest)),
                    ("paybackPeriod", payback(strategy)),
                    ("bySegment", .array(strategy.bySegment.map { part in
                        .object([("segment", .string(part.segment)), ("incrementalValue", stat(part.incrementalValue))])
                    })),
                ] + (strategy.impliedRetention.isEmpty ? [] : [
                    ("impliedRetention", .array(strategy.impliedRetention.map { implied in
                        .object([
                            ("segment", .string(implied.segment)),
                            ("meanChurn", .object([("baseline", .number(implied.meanChurnBaseline)),
                                                   ("strategy", .number(implied.meanChurnStrategy))])),
                            ("expectedLifetimePeriods", .object([("baseline", .number(implied.expectedLifetimeBaseline)),
                                                                 ("strategy", .number(implied.expectedLifetimeStrategy))])),
                        ])
                    })),
                ]))
            })),
        ]
        if !summary.discountRates.isEmpty {
            members.append(("discountRates", .array(summary.discountRates.map {
                .object([
                    ("rate", .number($0.rate)), ("customerEquity", stat($0.customerEquity)),
                    ("segments", .array(zip(summary.segments, $0.clv).map { segment, clv in
                        .object([("name", .string(segment.name)), ("clv", stat(clv))])
                    })),
                    ("strategies", .array(zip(summary.strategies, zip($0.netValue, $0.romi)).map { strategy, values in
                        .object([("name", .string(strategy.name)), ("netValue", stat(values.0)), ("romi", stat(values.1))])
                    })),
                ])
            })))
        }
        if let sensitivity = summary.sensitivity { members.append(("sensitivity", Self.sensitivity(sensitivity))) }
        if let precision = summary.precision { members.append(("precision", Self.precision(precision))) }
        members.append(("sampling", .string(summary.sampling == .latinHypercube ? "latin-hypercube" : "monte-carlo")))
        members.append(("warnings", .array(summary.warnings.map { .string($0) })))
        return .object(members)
    }

    /// A segment's value-by-state members, only for the segments that have them (so that a
    /// scenario without dynamics renders as before): `perpetualClv`, and `byRecency`, one
    /// `{"recency": j, "value": Stat}` per recency state (docs/results.md "Customers by state").
    static func valueByState(_ segment: RunSummary.SegmentSummary) -> [(String, JSONText)] {
        var members: [(String, JSONText)] = []
        if segment.reportsPerpetualClv { members.append(("perpetualClv", stat(segment.perpetualClv))) }
        if !segment.byRecency.isEmpty {
            members.append(("byRecency", .array(segment.byRecency.map {
                .object([("recency", .integer($0.recency)), (TrialMetric.recencyValue(segment: 0, recency: $0.recency).memberKey ?? "", stat($0.value))])
            })))
        }
        return members
    }

    /// The `sensitivity` object: the metric, R² of the linear fit, and every input ranked.
    static func sensitivity(_ s: Sensitivity) -> JSONText {
        .object([
            ("metric", .string(s.metric)),
            ("rSquared", .number(s.rSquared)),
            ("varianceShareMeasure", .string(s.shareMeasure.rawValue)),
            ("outputMean", .number(s.outputMean)),
            ("inputs", .array(s.inputs.map { input in
                .object([
                    ("path", .string(input.path)),
                    ("spearman", .number(input.spearman)),
                    ("standardizedRegressionCoefficient", .number(input.standardizedRegressionCoefficient)),
                    ("varianceShare", .number(input.varianceShare)),
                    ("tornado", .object([("bottomDecileMean", .number(input.bottomDecileMean)),
                                         ("topDecileMean", .number(input.topDecileMean))])),
                ])
            })),
        ])
    }

    /// The `precision` object of a target-precision run.
    static func precision(_ p: PrecisionOutcome) -> JSONText {
        .object([
            ("target", .number(p.target.relativeHalfWidth)),
            ("met", .bool(p.met)),
            ("trials", .integer(p.trials)),
            ("batches", .integer(p.batches)),
            ("maximumTrials", .integer(p.target.maximumTrials)),
            ("relativeHalfWidths", .object([("mean", .number(p.meanHalfWidth)), ("p5", .number(p.p5HalfWidth)),
                                            ("p95", .number(p.p95HalfWidth))])),
        ])
    }

    /// Seeds up to 2⁵³ as numbers; larger ones as exact decimal strings (a JSON number would
    /// lose digits in most readers).
    static func seedValue(_ seed: UInt64) -> JSONText {
        seed < (1 << 53) ? .integer(Int(seed)) : .string(String(seed))
    }

    /// A strategy's `paybackPeriod`: the Stat of the period over the trials with a payback, and
    /// `shareWithoutPayback`, the share of trials without one within the horizon.
    static func payback(_ strategy: RunSummary.StrategySummary) -> JSONText {
        var members: [(String, JSONText)] = []
        if case .object(let statMembers) = stat(strategy.paybackPeriod) { members = statMembers }
        members.append(("shareWithoutPayback", .number(strategy.shareWithoutPayback)))
        return .object(members)
    }

    /// A Stat object, or `null` when the metric had no finite value.
    public static func stat(_ stat: Stat?) -> JSONText {
        guard let stat else { return .null }
        var members: [(String, JSONText)] = [
            ("mean", .number(stat.mean)),
            ("sd", .number(stat.sd)),
            ("standardError", .number(stat.standardError)),
            ("intervals", .array(stat.intervals.map {
                .object([("level", .number($0.level)), ("lower", .number($0.lower)), ("upper", .number($0.upper))])
            })),
            ("percentiles", .object(zip(Stat.percentileLevels, stat.percentiles).map { ($0.0.name, .number($0.1)) })),
        ]
        if stat.undefined > 0 { members.append(("undefinedTrials", .integer(stat.undefined))) }
        return .object(members)
    }
}
