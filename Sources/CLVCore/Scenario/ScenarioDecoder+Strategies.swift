import CLVRandom

/// Reading strategies: changes to inputs and their cost (docs/scenario-format.md, "Strategies").
extension ScenarioDecoder {
    /// The strategies at `path`, or nil after reporting every problem.
    mutating func strategies(_ value: JSONValue, at path: String, catalogue: ScenarioInputCatalogue,
                             segmentNames: [String], horizon: Int?) -> [Strategy]? {
        guard let elements = array(value, at: path, what: "strategies", count: 0...ScenarioLimits.maximumListCount) else { return nil }
        let errorsBefore = errorCount
        var result: [Strategy] = []
        var firstIndexOfName: [String: Int] = [:]
        let knownNames = Set(segmentNames)
        for (i, element) in elements.enumerated() {
            let itemPath = JSONPath.element(path, i)
            guard let fields = object(element, at: itemPath, what: "a strategy", allowed: ["name", "changes", "cost"],
                                      required: ["name", "changes"]) else { continue }
            let name = fields["name"].flatMap { self.name($0, at: fields.path("name"), what: "the strategy name") }
            if let name {
                if let first = firstIndexOfName[name] {
                    error(fields.path("name"), "the strategy name \"\(name)\" is already used by \(JSONPath.element(path, first))",
                          fix: "give each strategy a different name")
                } else {
                    firstIndexOfName[name] = i
                }
            }
            var changes: [StrategyChange]?
            if let changesJSON = fields["changes"],
               let items = array(changesJSON, at: fields.path("changes"), what: "changes", count: 1...ScenarioLimits.maximumListCount) {
                var list: [StrategyChange] = []
                var targets: [String: Int] = [:]
                var ok = true
                for (k, item) in items.enumerated() {
                    let changePath = JSONPath.element(fields.path("changes"), k)
                    guard let change = self.change(item, at: changePath, catalogue: catalogue, horizon: horizon) else { ok = false; continue }
                    if let first = targets[change.target] {
                        error(JSONPath.member(changePath, "target"), "\"\(change.target)\" is already changed by \(JSONPath.element(fields.path("changes"), first))",
                              fix: "combine both into one change")
                        ok = false
                        continue
                    }
                    targets[change.target] = k
                    list.append(change)
                }
                if ok { changes = list }
            }
            var cost: StrategyCost? = StrategyCost()
            if let costJSON = fields["cost"] {
                cost = strategyCost(costJSON, at: fields.path("cost"), segmentNames: segmentNames, knownNames: knownNames, horizon: horizon)
            }
            if let cost, cost.upfront == nil, cost.perPeriod == nil, cost.perActiveCustomer == nil {
                warning(fields.path("cost"), "the strategy has no cost, so its ROMI is undefined", fix: "add \"cost\": {\"upfront\": …, \"perPeriod\": …, \"perActiveCustomer\": …}")
            }
            if let name, let changes, let cost {
                result.append(Strategy(name: name, changes: changes, cost: cost))
            }
        }
        return errorCount == errorsBefore ? result : nil
    }

    /// One change: a `target` path, exactly one of `set`, `add` or `multiply` (each a Dist), and
    /// an optional window `fromPeriod`/`toPeriod`.
    private mutating func change(_ value: JSONValue, at path: String, catalogue: ScenarioInputCatalogue, horizon: Int?) -> StrategyChange? {
        guard let fields = object(value, at: path, what: "a strategy change",
                                  allowed: ["target", "set", "add", "multiply", "fromPeriod", "toPeriod"],
                                  required: ["target"]) else { return nil }
        let errorsBefore = errorCount
        var domain: InputDomain?
        var resolved = false
        let target = fields["target"].flatMap { string($0, at: fields.path("target"), what: "target") }
        if let target {
            switch catalogue.lookup(target) {
            case .unknown:
                error(fields.path("target"), "\"\(target)\" is not a scenario path of a distribution field", fix: catalogue.hint(for: target))
            case .unresolved:
                break
            case .input(let input):
                domain = input.domain
                resolved = true
            }
        }
        let operations = ["set", "add", "multiply"].filter { fields[$0] != nil }
        guard operations.count == 1 else {
            error(path, operations.isEmpty ? "a change needs one of \"set\", \"add\" or \"multiply\""
                                           : "a change takes exactly one of \"set\", \"add\" or \"multiply\", found \(operations.map { "\"\($0)\"" }.joined(separator: " and "))",
                  fix: operations.isEmpty ? "add e.g. \"multiply\": 1.1" : "split it into separate changes of different targets, or keep one operation")
            return nil
        }
        let operation: ChangeOperation?
        switch operations[0] {
        case "set":
            operation = fields["set"].flatMap { distribution($0, at: fields.path("set"), what: "the new value", domain: resolved ? domain : nil) }
                .map { ChangeOperation.set($0) }
        case "add":
            operation = fields["add"].flatMap { distribution($0, at: fields.path("add"), what: "the amount added", domain: nil) }
                .map { ChangeOperation.add($0) }
        default:
            operation = fields["multiply"].flatMap { distribution($0, at: fields.path("multiply"), what: "the factor", domain: .nonNegative) }
                .map { ChangeOperation.multiply($0) }
        }
        let window = periodWindow(fields, horizon: horizon, required: false)
        if window.window != nil, target == "annualDiscountRate" {
            error(fields.path(fields["fromPeriod"] != nil ? "fromPeriod" : "toPeriod"), "a change of annualDiscountRate applies to the whole run and cannot have a window",
                  fix: "remove fromPeriod and toPeriod from this change")
        }
        guard errorCount == errorsBefore, let target, let operation else { return nil }
        return StrategyChange(target: target, operation: operation, window: window.window)
    }

    /// `{"upfront", "perPeriod", "perActiveCustomer", "appliesTo", "fromPeriod", "toPeriod"}`, every
    /// amount a Dist ≥ 0; the window applies to `perPeriod` and `perActiveCustomer`.
    private mutating func strategyCost(_ value: JSONValue, at path: String, segmentNames: [String], knownNames: Set<String>,
                                       horizon: Int?) -> StrategyCost? {
        guard let fields = object(value, at: path, what: "a strategy cost",
                                  allowed: ["upfront", "perPeriod", "perActiveCustomer", "appliesTo", "fromPeriod", "toPeriod"])
        else { return nil }
        let errorsBefore = errorCount
        var cost = StrategyCost()
        cost.upfront = fields["upfront"].flatMap { distribution($0, at: fields.path("upfront"), what: "upfront", domain: .nonNegative) }
        cost.perPeriod = fields["perPeriod"].flatMap { distribution($0, at: fields.path("perPeriod"), what: "perPeriod", domain: .nonNegative) }
        cost.perActiveCustomer = fields["perActiveCustomer"].flatMap {
            distribution($0, at: fields.path("perActiveCustomer"), what: "perActiveCustomer", domain: .nonNegative)
        }
        if let appliesJSON = fields["appliesTo"],
           let names = array(appliesJSON, at: fields.path("appliesTo"), what: "appliesTo", count: 1...ScenarioLimits.segments.upperBound) {
            var list: [String] = []
            var seen: Set<String> = []
            for (k, nameJSON) in names.enumerated() {
                let itemPath = JSONPath.element(fields.path("appliesTo"), k)
                guard let name = string(nameJSON, at: itemPath, what: "each segment name") else { continue }
                if !knownNames.contains(name) {
                    error(itemPath, "there is no segment named \"\(name)\"",
                          fix: KeySuggestion.hint(for: name, among: segmentNames, otherwise: "use one of the segment names: \(KeySuggestion.quotedList(segmentNames))"))
                } else if seen.contains(name) {
                    error(itemPath, "the segment \"\(name)\" is listed twice", fix: "list each segment once")
                } else {
                    list.append(name)
                    seen.insert(name)
                }
            }
            cost.appliesTo = list
            if fields["perActiveCustomer"] == nil {
                warning(fields.path("appliesTo"), "appliesTo has no effect without perActiveCustomer", fix: "add perActiveCustomer, or remove appliesTo")
            }
        }
        cost.window = periodWindow(fields, horizon: horizon, required: false).window
        if cost.window != nil, fields["perPeriod"] == nil, fields["perActiveCustomer"] == nil {
            warning(fields.path(fields["fromPeriod"] != nil ? "fromPeriod" : "toPeriod"), "the window of a cost applies only to perPeriod and perActiveCustomer; the upfront cost is paid in period 1",
                    fix: "add perPeriod or perActiveCustomer, or remove fromPeriod and toPeriod")
        }
        return errorCount == errorsBefore ? cost : nil
    }
}
