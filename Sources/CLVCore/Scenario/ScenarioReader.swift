import CLVRandom

/// Reads scenario files (docs/scenario-format.md): parses the JSON, checks every rule of the format, fills
/// in defaults and resolves alternative parameterisations to canonical `Distribution`s.
///
/// Reading never stops at the first mistake: every problem is collected, each with its JSON path,
/// what is wrong and how to fix it. Reading never traps, whatever the bytes; input is bounded by
/// `ScenarioLimits` (size, nesting, number of values).
///
/// ```swift
/// let reading = ScenarioReader.read(bytes)
/// if let scenario = reading.scenario { … } else { reading.errors.forEach { print($0.formatted(file: path)) } }
/// ```
public enum ScenarioReader {
    /// The top-level keys of a scenario file. `$schema` (an editor hint) is accepted and ignored.
    static let topLevelKeys = ["$schema", "schemaVersion", "name", "description", "currency", "periodsPerYear",
                               "horizonPeriods", "annualDiscountRate", "cashFlowTiming", "trials", "seed",
                               "intervals", "segments", "acquisition", "correlations", "strategies", "decisions"]

    /// Reads a scenario from the bytes of a UTF-8 JSON file.
    ///
    /// - Returns: the scenario when the file is valid, and every error and warning found.
    /// - Complexity: O(n) in the size of the file, plus O(m³) for m correlated inputs.
    public static func read(_ bytes: [UInt8]) -> ScenarioReading {
        var parser = JSONParser()
        parser.maximumBytes = ScenarioLimits.maximumFileBytes
        parser.maximumDepth = ScenarioLimits.maximumDepth
        parser.maximumValues = ScenarioLimits.maximumJSONValues
        switch parser.parse(bytes) {
        case .failure(let syntax):
            let issue = ScenarioIssue(line: syntax.line, column: syntax.column, message: syntax.message, fix: syntax.fix)
            return ScenarioReading(scenario: nil, errors: [issue], warnings: [])
        case .success(let root):
            var decoder = ScenarioDecoder(bytes: bytes)
            let scenario = decoder.scenario(root)
            var errors = decoder.errors
            if decoder.suppressedErrors > 0 {
                let hidden = decoder.suppressedErrors
                errors.append(ScenarioIssue(path: "$", message: "and \(hidden) more problems not listed",
                                            fix: "fix the problems above and validate again"))
            }
            if scenario == nil && errors.isEmpty {
                errors.append(ScenarioIssue(path: "$", message: "the scenario could not be read, but no specific problem was found",
                                            fix: "this is a defect in clvsim; please report it with the file"))
            }
            return ScenarioReading(scenario: errors.isEmpty ? scenario : nil, errors: errors, warnings: decoder.warnings)
        }
    }

    /// Reads a scenario from JSON text.
    ///
    /// - Complexity: O(n) in the length of the text.
    public static func read(_ text: String) -> ScenarioReading {
        read(Array(text.utf8))
    }
}

extension ScenarioDecoder {
    /// The whole scenario, or nil after reporting every problem.
    mutating func scenario(_ root: JSONValue) -> Scenario? {
        guard let fields = object(root, at: "$", what: "a scenario", allowed: ScenarioReader.topLevelKeys,
                                  required: ["schemaVersion", "name", "horizonPeriods", "annualDiscountRate", "segments"]) else {
            return nil
        }
        if let versionJSON = fields["schemaVersion"] {
            if case .number(let text) = versionJSON.kind, case .exact(false, let v) = WholeNumber(text), v == UInt64(ScenarioLimits.schemaVersion) {
                // supported
            } else {
                let found: String
                if case .number(let text) = versionJSON.kind { found = text } else { found = versionJSON.typeDescription }
                error(fields.path("schemaVersion"), "unsupported schemaVersion \(found); this version of clvsim reads schemaVersion \(ScenarioLimits.schemaVersion)",
                      fix: "write \"schemaVersion\": \(ScenarioLimits.schemaVersion) and use the keys described in docs/scenario-format.md")
            }
        }
        if let schemaJSON = fields["$schema"], case .string = schemaJSON.kind {} else if let schemaJSON = fields["$schema"] {
            error(fields.path("$schema"), "$schema must be a string, found \(schemaJSON.typeDescription)", fix: "write the path or URL of the schema file in quotes, or remove it")
        }
        let name = fields["name"].flatMap { self.name($0, at: fields.path("name"), what: "the scenario name") }
        if let name, name == ".." || name == "." {
            error(fields.path("name"), "the scenario name \"\(name)\" cannot be a folder name", fix: "use letters, digits, '-' and '_'")
        }
        let description: String?? = fields["description"].map { string($0, at: fields.path("description"), what: "description", maximumLength: 100_000) } ?? .some(nil)
        let currency: String?? = fields["currency"].map { string($0, at: fields.path("currency"), what: "currency", maximumLength: 16) } ?? .some(nil)
        let periodsPerYear = fields["periodsPerYear"].map {
            integer($0, at: fields.path("periodsPerYear"), what: "periodsPerYear", range: ScenarioLimits.periodsPerYear)
        } ?? 12
        let horizon = fields["horizonPeriods"].flatMap {
            integer($0, at: fields.path("horizonPeriods"), what: "horizonPeriods", range: ScenarioLimits.horizonPeriods)
        }
        let discountErrors = errorCount
        let discountRate = fields["annualDiscountRate"].flatMap {
            distribution($0, at: fields.path("annualDiscountRate"), what: "annualDiscountRate", domain: .discountRate)
        }
        let discountRateResolved = errorCount == discountErrors && discountRate != nil
        if let discountRate, discountRateResolved, let horizon, let periodsPerYear {
            checkDiscounting(discountRate, at: fields.path("annualDiscountRate"), horizon: horizon, periodsPerYear: periodsPerYear)
        }
        if let discountRate, discountRateResolved, discountRate.mean > 1 {
            warning(fields.path("annualDiscountRate"),
                    "the annual discount rate averages \(discountRate.mean.shortText), i.e. more than 100% a year",
                    fix: "write rates as fractions: 10% is 0.1")
        }
        let timing = fields["cashFlowTiming"].map { self.timing($0, at: fields.path("cashFlowTiming")) } ?? .start
        let trials = fields["trials"].map { integer($0, at: fields.path("trials"), what: "trials", range: ScenarioLimits.trials) } ?? 10_000
        let seed = fields["seed"].map { unsigned64($0, at: fields.path("seed"), what: "seed") } ?? 1
        let intervals = fields["intervals"].map { self.intervals($0, at: fields.path("intervals")) } ?? [0.9]

        // Decisions come before segments and plans, whose response curves may spend them.
        let decisions = fields["decisions"].map { self.decisions($0, at: fields.path("decisions")) } ?? []
        decisionNames = decisions?.map(\.name)

        // Segments.
        var segments: [Segment] = []
        var segmentNames: [String] = []
        var unresolvedSegments: Set<String> = []
        var segmentsValid = false
        var segmentElements: [JSONValue] = []
        if let segmentsJSON = fields["segments"],
           let elements = array(segmentsJSON, at: fields.path("segments"), what: "segments", count: ScenarioLimits.segments) {
            segmentElements = elements
            segmentsValid = true
            var firstIndex: [String: Int] = [:]
            for (i, element) in elements.enumerated() {
                guard case .object(let members) = element.kind,
                      let nameMember = members.first(where: { $0.key == "name" }),
                      case .string(let segmentName) = nameMember.value.kind else { continue }
                if let first = firstIndex[segmentName] {
                    error(JSONPath.member(JSONPath.element(fields.path("segments"), i), "name"),
                          "the segment name \"\(segmentName)\" is already used by \(JSONPath.element(fields.path("segments"), first))",
                          fix: "give each segment a different name")
                    segmentsValid = false
                } else {
                    firstIndex[segmentName] = i
                    segmentNames.append(segmentName)
                }
            }
        }
        for (i, element) in segmentElements.enumerated() {
            if let segment = self.segment(element, at: JSONPath.element(fields.path("segments"), i), horizon: horizon) {
                if let horizon, let periodsPerYear {
                    checkRevenueGrowth(segment, at: JSONPath.element(fields.path("segments"), i), horizon: horizon, periodsPerYear: periodsPerYear)
                }
                segments.append(segment)
            } else {
                segmentsValid = false
                if case .object(let members) = element.kind, let nameMember = members.first(where: { $0.key == "name" }),
                   case .string(let segmentName) = nameMember.value.kind {
                    unresolvedSegments.insert(segmentName)
                }
            }
        }
        if segmentsValid { checkDynamics(segments, at: fields.path("segments")) }
        for (i, element) in segmentElements.enumerated() {
            guard case .object(let members) = element.kind,
                  let referrals = members.first(where: { $0.key == "referrals" }),
                  case .object(let referralMembers) = referrals.value.kind,
                  let into = referralMembers.first(where: { $0.key == "into" }),
                  case .string(let target) = into.value.kind, !segmentNames.contains(target) else { continue }
            error(JSONPath.element(fields.path("segments"), i) + ".referrals.into", "there is no segment named \"\(target)\"",
                  fix: KeySuggestion.hint(for: target, among: segmentNames,
                                          otherwise: "use one of the segment names: \(KeySuggestion.quotedList(segmentNames))"))
        }

        // Acquisition plans; invalid ones become placeholders so that indices stay aligned.
        var plans: [AcquisitionPlan] = []
        var unresolvedPlans: Set<Int> = []
        if let acquisitionJSON = fields["acquisition"],
           let elements = array(acquisitionJSON, at: fields.path("acquisition"), what: "acquisition", count: 0...ScenarioLimits.maximumListCount) {
            for (i, element) in elements.enumerated() {
                if let plan = plan(element, at: JSONPath.element(fields.path("acquisition"), i), segmentNames: segmentNames, horizon: horizon) {
                    plans.append(plan)
                } else {
                    unresolvedPlans.insert(i)
                    plans.append(AcquisitionPlan(segment: "", fromPeriod: 1, toPeriod: 1, volume: .customers(perPeriod: .fixed(0))))
                }
            }
        }

        // Correlations and strategies name inputs by scenario path.
        var provisional = Scenario(name: name ?? "", horizonPeriods: horizon ?? 1,
                                   annualDiscountRate: discountRate ?? .fixed(0), segments: segments)
        provisional.acquisition = plans
        let catalogue = ScenarioInputCatalogue(provisional: provisional, unresolvedSegments: unresolvedSegments,
                                               unresolvedPlans: unresolvedPlans, discountRateResolved: discountRateResolved)
        // Strategies come first: the amounts of their changes are inputs correlations may name.
        let strategies = fields["strategies"].map {
            self.strategies($0, at: fields.path("strategies"), catalogue: catalogue, segmentNames: segmentNames, horizon: horizon)
        } ?? []
        provisional.strategies = strategies ?? []
        let fullCatalogue = ScenarioInputCatalogue(provisional: provisional, unresolvedSegments: unresolvedSegments,
                                                   unresolvedPlans: unresolvedPlans, discountRateResolved: discountRateResolved,
                                                   strategiesResolved: strategies != nil)
        let correlations = fields["correlations"].map { self.correlations($0, at: fields.path("correlations"), catalogue: fullCatalogue) } ?? []

        guard errorCount == 0, segmentsValid, unresolvedPlans.isEmpty, let name, let horizon, let discountRate,
              let description, let currency, let periodsPerYear, let timing, let trials, let seed, let intervals,
              let correlations, let strategies, let decisions else { return nil }
        var scenario = Scenario(name: name, horizonPeriods: horizon, annualDiscountRate: discountRate, segments: segments)
        scenario.schemaVersion = ScenarioLimits.schemaVersion
        scenario.description = description
        scenario.currency = currency
        scenario.periodsPerYear = periodsPerYear
        scenario.cashFlowTiming = timing
        scenario.trials = trials
        scenario.seed = seed
        scenario.intervals = intervals
        scenario.acquisition = plans
        scenario.correlations = correlations
        scenario.strategies = strategies
        scenario.decisions = decisions
        return scenario
    }

    /// `"start"` or `"end"`.
    private mutating func timing(_ value: JSONValue, at path: String) -> CashFlowTiming? {
        guard case .string(let text) = value.kind else {
            error(path, "cashFlowTiming must be \"start\" or \"end\", found \(value.typeDescription)", fix: "write \"start\" or \"end\"")
            return nil
        }
        guard let timing = CashFlowTiming(rawValue: text) else {
            error(path, "cashFlowTiming must be \"start\" or \"end\", found \"\(text.prefix(40))\"",
                  fix: KeySuggestion.hint(for: text, among: ["start", "end"], otherwise: "write \"start\" (cash at the start of each period) or \"end\""))
            return nil
        }
        return timing
    }

    /// Interval levels, each strictly between 0 and 1.
    private mutating func intervals(_ value: JSONValue, at path: String) -> [Double]? {
        guard let elements = array(value, at: path, what: "intervals", count: ScenarioLimits.intervals) else { return nil }
        var levels: [Double] = []
        var ok = true
        for (i, element) in elements.enumerated() {
            let itemPath = JSONPath.element(path, i)
            guard let level = number(element, at: itemPath, what: "each interval level") else { ok = false; continue }
            guard level > 0, level < 1 else {
                error(itemPath, "each interval level must lie strictly between 0 and 1, found \(level.shortText)",
                      fix: level > 1 && level < 100 ? "write \(level.shortText)% as \((level / 100).shortText)" : "use a level such as 0.9 or 0.95")
                ok = false
                continue
            }
            levels.append(level)
        }
        return ok ? levels : nil
    }
}
