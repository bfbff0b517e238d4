import CLVRandom

/// Reading acquisition plans (docs/scenario-format.md, "Acquisition plans").
extension ScenarioDecoder {
    static let planKeys = ["segment", "fromPeriod", "toPeriod", "customersPerPeriod", "budgetPerPeriod", "cac"]

    /// The plan at `path`, or nil after reporting every problem. `segmentNames` are the names
    /// written in the file (valid or not); `horizon` is nil when it is itself invalid.
    mutating func plan(_ value: JSONValue, at path: String, segmentNames: [String], horizon: Int?) -> AcquisitionPlan? {
        guard let fields = object(value, at: path, what: "an acquisition plan", allowed: Self.planKeys,
                                  required: ["segment", "fromPeriod", "toPeriod"]) else { return nil }
        let errorsBefore = errorCount
        let segment = fields["segment"].flatMap { string($0, at: fields.path("segment"), what: "segment") }
        if let segment, !segmentNames.contains(segment) {
            error(fields.path("segment"), "there is no segment named \"\(segment)\"",
                  fix: KeySuggestion.hint(for: segment, among: segmentNames,
                                          otherwise: "use one of the segment names: \(KeySuggestion.quotedList(segmentNames))"))
        }
        let window = periodWindow(fields, horizon: horizon, required: true).window
        let volume: AcquisitionVolume?
        let hasCustomers = fields["customersPerPeriod"] != nil
        let hasBudget = fields["budgetPerPeriod"] != nil, hasCAC = fields["cac"] != nil
        if hasCustomers && (hasBudget || hasCAC) {
            error(fields.path, "an acquisition plan takes either customersPerPeriod, or budgetPerPeriod and cac, not both",
                  fix: "remove customersPerPeriod, or remove budgetPerPeriod and cac")
            volume = nil
        } else if hasCustomers {
            volume = fields["customersPerPeriod"]
                .flatMap { distribution($0, at: fields.path("customersPerPeriod"), what: "customersPerPeriod", domain: .nonNegative) }
                .map { AcquisitionVolume.customers(perPeriod: $0) }
        } else if hasBudget || hasCAC {
            if !hasCAC { error(fields.path("cac"), "a budget plan needs \"cac\", the cost of acquiring one customer", fix: "add \"cac\"") }
            if !hasBudget { error(fields.path("budgetPerPeriod"), "a plan with \"cac\" needs \"budgetPerPeriod\"", fix: "add \"budgetPerPeriod\", or replace cac by customersPerPeriod") }
            let budget = fields["budgetPerPeriod"].flatMap {
                distribution($0, at: fields.path("budgetPerPeriod"), what: "budgetPerPeriod", domain: .nonNegative)
            }
            let cac = fields["cac"].flatMap { distribution($0, at: fields.path("cac"), what: "cac", domain: .positive) }
            if let budget, let cac { volume = .budget(perPeriod: budget, cac: cac) } else { volume = nil }
        } else {
            error(fields.path, "an acquisition plan needs customersPerPeriod, or budgetPerPeriod and cac",
                  fix: "add \"customersPerPeriod\": 1000, for example")
            volume = nil
        }
        guard errorCount == errorsBefore, let segment, let window, let volume else { return nil }
        return AcquisitionPlan(segment: segment, fromPeriod: window.fromPeriod, toPeriod: window.toPeriod, volume: volume)
    }
}
