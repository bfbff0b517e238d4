import CLVRandom

/// Reading decisions and response curves (docs/scenario-format.md "Response curves and
/// decisions", docs/optimization.md).
extension ScenarioDecoder {
    static let decisionKeys = ["name", "min", "max", "value"]
    static let responseKeys = ["response", "floor", "ceiling", "k", "spend"]

    /// The top-level `decisions` list, or nil after reporting every problem with it.
    mutating func decisions(_ value: JSONValue, at path: String) -> [Decision]? {
        guard let elements = array(value, at: path, what: "decisions", count: 0...ScenarioLimits.maximumDecisions) else { return nil }
        var result: [Decision] = []
        var ok = true
        for (i, element) in elements.enumerated() {
            let itemPath = JSONPath.element(path, i)
            guard let fields = object(element, at: itemPath, what: "a decision", allowed: Self.decisionKeys,
                                      required: ["name", "min", "max"]) else { ok = false; continue }
            let errorsBefore = errorCount
            let name = fields["name"].flatMap { self.name($0, at: fields.path("name"), what: "the decision name") }
            let low = fields["min"].flatMap { number($0, at: fields.path("min"), what: "min") }
            let high = fields["max"].flatMap { number($0, at: fields.path("max"), what: "max") }
            let chosen = fields["value"].flatMap { number($0, at: fields.path("value"), what: "value") }
            if let name, result.contains(where: { $0.name == name }) {
                error(fields.path("name"), "the decision name \"\(name)\" is used twice", fix: "give each decision a different name")
            }
            if let low, low < 0 {
                error(fields.path("min"), "min must be at least 0 (a decision is a spend), found \(low.shortText)", fix: "use a min of 0 or more")
            }
            if let low, let high, high < low {
                error(fields.path("max"), "max \(high.shortText) is below min \(low.shortText)", fix: "make max at least min")
            }
            if let chosen, let low, let high, !(low...max(low, high)).contains(chosen) {
                error(fields.path("value"), "value \(chosen.shortText) is outside the decision's bounds [\(low.shortText), \(high.shortText)]",
                      fix: "use a value from \(low.shortText) to \(high.shortText), or remove it (it defaults to min)")
            }
            guard errorCount == errorsBefore, let name, let low, let high else { ok = false; continue }
            result.append(Decision(name: name, min: low, max: high, value: chosen))
        }
        return ok ? result : nil
    }

    /// Whether `value` is written as a response curve (an object with a `"response"` key).
    static func isResponse(_ value: JSONValue) -> Bool {
        guard case .object(let members) = value.kind else { return false }
        return members.contains { $0.key == "response" }
    }

    /// The response curve at `path`, or nil after reporting every problem. `what` names the rate
    /// ("the retention rate", "the conversion rate") in messages.
    mutating func responseCurve(_ value: JSONValue, at path: String, what: String) -> ResponseCurve? {
        guard let fields = object(value, at: path, what: "a response curve", allowed: Self.responseKeys,
                                  required: ["response", "ceiling", "k", "spend"]) else { return nil }
        let errorsBefore = errorCount
        if let kind = fields["response"] {
            if case .string(let text) = kind.kind, text == "exponential" {
                // the one family
            } else {
                var text = ""
                if case .string(let s) = kind.kind { text = s }
                error(fields.path("response"), "unknown response curve \(text.isEmpty ? kind.typeDescription : "\"\(text.prefix(40))\"")",
                      fix: KeySuggestion.hint(for: text, among: ["exponential"], otherwise: "write \"response\": \"exponential\""))
            }
        }
        let floor = fields["floor"].map {
            distribution($0, at: fields.path("floor"), what: "the floor of \(what)", domain: .unitInterval)
        } ?? .fixed(0)
        let ceiling = fields["ceiling"].flatMap {
            distribution($0, at: fields.path("ceiling"), what: "the ceiling of \(what)", domain: .unitInterval)
        }
        let k = fields["k"].flatMap { distribution($0, at: fields.path("k"), what: "k", domain: .nonNegative) }
        let spend = fields["spend"].flatMap { self.spend($0, at: fields.path("spend")) }
        if errorCount == errorsBefore, let floor, let ceiling, floor.support.upperBound > ceiling.support.lowerBound {
            error(fields.path("ceiling"),
                  "the ceiling of \(what) can be below its floor (the floor reaches \(floor.support.upperBound.shortText), the ceiling goes down to \(ceiling.support.lowerBound.shortText))",
                  fix: "choose distributions whose ranges do not overlap: every possible floor at most every possible ceiling")
        }
        guard errorCount == errorsBefore, let floor, let ceiling, let k, let spend else { return nil }
        return ResponseCurve(floor: floor, ceiling: ceiling, k: k, spend: spend)
    }

    /// A response curve's spend: a number ≥ 0 or the name of a declared decision.
    private mutating func spend(_ value: JSONValue, at path: String) -> ResponseSpend? {
        if case .string(let name) = value.kind {
            guard let known = decisionNames else { return .decision(name) }  // decisions unreadable: already reported
            guard known.contains(name) else {
                error(path, "there is no decision named \"\(name.prefix(40))\"",
                      fix: KeySuggestion.hint(for: name, among: known,
                                              otherwise: known.isEmpty ? "declare it in the top-level \"decisions\" list, or write a number"
                                                  : "use one of the decision names: \(KeySuggestion.quotedList(known))"))
                return nil
            }
            return .decision(name)
        }
        guard case .number = value.kind else {
            error(path, "spend must be a number or the name of a decision, found \(value.typeDescription)",
                  fix: "write a spend such as 2.5, or a decision name in quotes")
            return nil
        }
        guard let x = number(value, at: path, what: "spend") else { return nil }
        guard x >= 0 else {
            error(path, "spend must be at least 0, found \(x.shortText)", fix: "use a spend of 0 or more")
            return nil
        }
        return .amount(x)
    }
}
