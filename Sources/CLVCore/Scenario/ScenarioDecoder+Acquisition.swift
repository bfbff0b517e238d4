import CLVRandom

/// Reading acquisition plans (docs/scenario-format.md, "Acquisition plans").
extension ScenarioDecoder {
    static let planKeys = ["segment", "fromPeriod", "toPeriod", "customersPerPeriod", "budgetPerPeriod", "cac",
                           "prospectsPerPeriod", "conversion"]

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
        let hasProspects = fields["prospectsPerPeriod"] != nil, hasConversion = fields["conversion"] != nil
        if (hasProspects || hasConversion) && (hasCustomers || hasBudget || hasCAC) {
            error(fields.path, "an acquisition plan takes prospectsPerPeriod and conversion, or customersPerPeriod, or budgetPerPeriod and cac: one form only",
                  fix: "keep prospectsPerPeriod and conversion, or remove them")
            volume = nil
        } else if hasProspects || hasConversion {
            if !hasConversion {
                error(fields.path("conversion"), "a plan with \"prospectsPerPeriod\" needs \"conversion\", a response curve",
                      fix: "add \"conversion\": {\"response\": \"exponential\", \"ceiling\": 0.05, \"k\": 0.5, \"spend\": 2}")
            }
            if !hasProspects {
                error(fields.path("prospectsPerPeriod"), "a plan with \"conversion\" needs \"prospectsPerPeriod\"", fix: "add \"prospectsPerPeriod\": 10000, for example")
            }
            let prospects = fields["prospectsPerPeriod"].flatMap {
                distribution($0, at: fields.path("prospectsPerPeriod"), what: "prospectsPerPeriod", domain: .nonNegative)
            }
            var conversion: ResponseCurve?
            if let conversionJSON = fields["conversion"] {
                if Self.isResponse(conversionJSON) {
                    conversion = responseCurve(conversionJSON, at: fields.path("conversion"), what: "the conversion rate")
                } else {
                    error(fields.path("conversion"), "conversion must be a response curve, found \(conversionJSON.typeDescription)",
                          fix: "write {\"response\": \"exponential\", \"floor\": 0, \"ceiling\": 0.05, \"k\": 0.5, \"spend\": 2}")
                }
            }
            if let prospects, let conversion { volume = .prospects(perPeriod: prospects, conversion: conversion) } else { volume = nil }
        } else if hasCustomers && (hasBudget || hasCAC) {
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
