import CLVRandom

/// Reading customer dynamics (docs/scenario-format.md "Recency, migration and billing cycles"):
/// recency retention, the current customers' recency, migration between segments, and the checks
/// that need every segment (targets, and the combinations that cannot be simulated exactly).
extension ScenarioDecoder {
    /// `{"model": "recency", "purchaseProbability": [Dist, …]}`: one probability in [0, 1] per
    /// recency state 1 … k.
    mutating func recencyRetention(_ fields: JSONFields) -> RetentionModel? {
        let path = fields.path("purchaseProbability")
        guard let json = fields["purchaseProbability"] else {
            error(path, "a recency retention model needs \"purchaseProbability\"",
                  fix: "list the purchase probability of each recency state, e.g. [0.4, 0.25, 0.15, 0.08]")
            return nil
        }
        guard let elements = array(json, at: path, what: "purchaseProbability", count: ScenarioLimits.recencyStates) else {
            return nil
        }
        var probabilities: [Distribution] = []
        var ok = true
        for (j, element) in elements.enumerated() {
            guard let p = distribution(element, at: JSONPath.element(path, j),
                                       what: "the purchase probability of recency \(j + 1)", domain: .unitInterval) else {
                ok = false
                continue
            }
            probabilities.append(p)
        }
        return ok ? .recency(purchaseProbability: probabilities) : nil
    }

    /// The `recency` of the current customers: a whole number 1 … k of a recency retention model.
    mutating func recencyStart(_ value: JSONValue, at path: String, retention: RetentionModel?) -> Int? {
        guard let retention else { return nil }
        guard case .recency(let probabilities) = retention else {
            error(path, "\"recency\" applies only to a segment with recency retention",
                  fix: "remove \"recency\", or use {\"model\": \"recency\", \"purchaseProbability\": […]}")
            return nil
        }
        return integer(value, at: path, what: "recency", range: 1...max(1, probabilities.count))
    }

    /// `[{"to": "<segment>", "probability": Dist}, …]`; the targets are checked by
    /// `checkDynamics` once every segment name is known.
    mutating func migration(_ value: JSONValue, at path: String) -> [Migration]? {
        guard let elements = array(value, at: path, what: "migration", count: 0...ScenarioLimits.segments.upperBound) else {
            return nil
        }
        var result: [Migration] = []
        var ok = true
        for (i, element) in elements.enumerated() {
            let elementPath = JSONPath.element(path, i)
            guard let fields = object(element, at: elementPath, what: "a migration", allowed: ["to", "probability"],
                                      required: ["to", "probability"]) else { ok = false; continue }
            let to = fields["to"].flatMap { name($0, at: fields.path("to"), what: "the segment a migration moves to") }
            let probability = fields["probability"].flatMap {
                distribution($0, at: fields.path("probability"), what: "the migration probability", domain: .unitInterval)
            }
            guard let to, let probability else { ok = false; continue }
            result.append(Migration(to: to, probability: probability))
        }
        return ok ? result : nil
    }

    /// Checks what needs every segment: migration targets exist and differ from the segment and
    /// from each other; a segment's migration probabilities cannot sum above 1 in any trial (the
    /// upper ends of their supports add up to at most 1); and the combinations the exact state
    /// chains cannot simulate (docs/model.md "Migration between segments") are refused with the
    /// reason:
    /// - recency retention with migration, into or out of the segment, or with billing cycles;
    /// - sBG retention in a segment customers migrate into or out of (a random survivor's renewal
    ///   probability depends on where they renewed before);
    /// - `curve` retention where the segments a customer can move between bill in cycles of
    ///   different lengths (the renewal number would depend on the path);
    /// - more than `ScenarioLimits.maximumChainStates` states reachable from one segment.
    ///
    /// - Complexity: O(S · (S + Σ migrations)) for S segments.
    mutating func checkDynamics(_ segments: [Segment], at segmentsPath: String) {
        let names = segments.map(\.name)
        let index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var targetsValid = true
        for (s, segment) in segments.enumerated() {
            let path = JSONPath.member(JSONPath.element(segmentsPath, s), "migration")
            var seen: Set<String> = []
            var upper = 0.0
            for (m, migration) in segment.migration.enumerated() {
                let toPath = JSONPath.member(JSONPath.element(path, m), "to")
                if index[migration.to] == nil {
                    error(toPath, "there is no segment named \"\(migration.to.prefix(80))\"",
                          fix: KeySuggestion.hint(for: migration.to, among: names,
                                                  otherwise: "use one of the segment names: \(KeySuggestion.quotedList(names))"))
                    targetsValid = false
                } else if migration.to == segment.name {
                    error(toPath, "a segment cannot migrate into itself",
                          fix: "remove this migration: customers who renew and do not move already stay")
                    targetsValid = false
                } else if !seen.insert(migration.to).inserted {
                    error(toPath, "\"\(migration.to.prefix(80))\" is listed twice in this segment's migration",
                          fix: "give each destination one entry with its total probability")
                    targetsValid = false
                }
                upper += migration.probability.support.upperBound
            }
            if upper > 1 + 1e-12 {
                error(path, "the migration probabilities can sum to \(upper.shortText) in some trial, above 1 (each is a probability conditional on renewing, and the rest stay)",
                      fix: "lower them, or narrow their distributions so that the largest values add up to at most 1")
            }
            if case .recency = segment.retention, segment.billingPeriods > 1 {
                error(JSONPath.member(JSONPath.element(segmentsPath, s), "billingPeriods"),
                      "a segment with recency retention cannot have billing cycles: its customers buy period by period",
                      fix: "remove \"billingPeriods\", or use a contractual retention model")
            }
        }
        guard targetsValid else { return }
        // The segments each chain (a segment with migration) can reach, computed once.
        let reach = segments.indices.map { o in
            segments[o].migration.isEmpty ? [] : segments.reachableByMigration(from: o, index: index)
        }
        // Segments joined by migration in either direction, and the reason each is refused.
        for (s, segment) in segments.enumerated() {
            let segmentPath = JSONPath.element(segmentsPath, s)
            let incoming = segments.filter { $0.migration.contains { $0.to == segment.name } }.map(\.name)
            guard !segment.migration.isEmpty || !incoming.isEmpty else { continue }
            let involvement = segment.migration.isEmpty
                ? "customers migrate into it from \(KeySuggestion.quotedList(incoming))"
                : "it has migration"
            switch segment.retention {
            case .recency:
                error(JSONPath.member(segmentPath, "retention"), "a segment with recency retention cannot take part in migration, but \(involvement)",
                      fix: "model the customers' states with the recency states, or use constant or curve retention")
            case .sbg:
                error(JSONPath.member(segmentPath, "retention"),
                      "sBG retention cannot be simulated exactly when customers move between segments, and \(involvement): a renewing customer's churn probability would depend on where they renewed before",
                      fix: "use constant or curve retention in segments that take part in migration")
            case .curve:
                // Every chain that can reach this segment must keep one cycle length.
                let cycles = Set(reach.filter { $0.contains(s) }.joined().map { segments[$0].billingPeriods })
                if cycles.count > 1 {
                    error(JSONPath.member(segmentPath, "retention"),
                          "curve retention needs every segment a customer can move between to bill in cycles of the same length, but they use \(cycles.sorted().map(String.init).joined(separator: ", ")) periods: the renewal number would depend on the path",
                          fix: "use constant retention here, or the same billingPeriods in these segments")
                }
            case .constant, .constantResponse:
                break
            }
        }
        for s in segments.indices {
            let states: Int
            if case .recency(let probabilities) = segments[s].retention {
                states = probabilities.count + 1
            } else {
                states = reach[s].isEmpty ? segments[s].billingPeriods : reach[s].reduce(0) { $0 + segments[$1].billingPeriods }
            }
            if states > ScenarioLimits.maximumChainStates {
                error(JSONPath.element(segmentsPath, s),
                      "a customer of this segment can be in \(states) states (billing phases and recency states of every segment they can reach); the limit is \(ScenarioLimits.maximumChainStates)",
                      fix: "shorten billing cycles or recency states, or split the migration into fewer segments")
            }
        }
    }
}
