/// Writes a scenario fragment into a scenario file's JSON, keeping everything it does not touch.
///
/// The named segment's keys in `removedFields` are removed, those in `fields` are replaced, the
/// keys in `overlays` are set inside their objects, and those in `defaults` are set only where
/// missing. Correlations that involve a replaced model (a path `segments.<name>.<prefix>…` for a
/// prefix in `replacedPathPrefixes`) are dropped — they described the old parameters — and the
/// fragment's correlations are appended.
public enum ScenarioUpdate {
    /// `fragment` as it will land in `scenario`: each default the segment already has becomes
    /// that existing value (so a printed fragment shows what the file keeps, e.g. the segment's
    /// own `referrals.cyclePeriods`), the others stay defaults.
    ///
    /// - Throws: `FitError` as `apply` does.
    /// - Complexity: O(size of the scenario).
    public static func resolvingDefaults(_ fragment: ScenarioFragment, inScenario scenario: [UInt8]) throws -> ScenarioFragment {
        guard case .object(let root) = try JSONTree(parsing: scenario), case .array(let segments)? = root["segments"],
              let segment = segments.first(where: { $0["name"] == .string(fragment.segment) }) else { return fragment }
        var resolved = fragment
        for (key, values) in fragment.defaults {
            guard case .object(let existing)? = segment[key] else { continue }
            for (k, _) in values {
                guard let kept = existing[k] else { continue }
                resolved.defaults[key]?[k] = nil
                resolved.overlays[key, default: [:]][k] = kept
            }
            if resolved.defaults[key]?.isEmpty == true { resolved.defaults[key] = nil }
        }
        return resolved
    }

    /// The names of the segments of `scenario`, in order.
    ///
    /// - Throws: `FitError` when the text is not JSON.
    /// - Complexity: O(size of the scenario).
    public static func segmentNames(inScenario scenario: [UInt8]) throws -> [String] {
        guard case .array(let segments)? = try JSONTree(parsing: scenario)["segments"] else { return [] }
        return segments.compactMap { value -> String? in
            if case .string(let s)? = value["name"] { return s }
            return nil
        }
    }

    /// The scenario text `scenario` with `fragment` applied.
    ///
    /// - Throws: `FitError` when the text is not a JSON object with a `segments` array, or
    ///   has no segment of the fragment's name.
    /// - Complexity: O(size of the scenario).
    public static func apply(_ fragment: ScenarioFragment, toScenario scenario: [UInt8]) throws -> String {
        guard case .object(var root) = try JSONTree(parsing: scenario) else {
            throw FitError("the scenario is not a JSON object")
        }
        guard case .array(var segments)? = root["segments"] else {
            throw FitError("the scenario has no \"segments\" array")
        }
        let names = segments.compactMap { value -> String? in
            if case .string(let s)? = value["name"] { return s }
            return nil
        }
        guard let index = segments.firstIndex(where: { $0["name"] == .string(fragment.segment) }),
              case .object(var segment) = segments[index] else {
            throw FitError("the scenario has no segment named \"\(fragment.segment)\"; its segments are: \(names.joined(separator: ", "))")
        }
        for key in fragment.removedFields { segment[key] = nil }
        for (key, value) in fragment.fields { segment[key] = value }
        for (key, values) in fragment.overlays {
            var object: [String: JSONTree] = [:]
            if case .object(let existing)? = segment[key] { object = existing }
            for (k, v) in values { object[k] = v }
            segment[key] = .object(object)
        }
        for (key, values) in fragment.defaults {
            var object: [String: JSONTree] = [:]
            if case .object(let existing)? = segment[key] { object = existing }
            for (k, v) in values where object[k] == nil { object[k] = v }
            segment[key] = .object(object)
        }
        segments[index] = .object(segment)
        root["segments"] = .array(segments)

        let prefixes = fragment.replacedPathPrefixes.map { fragment.path($0) }
        var correlations: [JSONTree] = []
        if case .array(let existing)? = root["correlations"] {
            correlations = existing.filter { entry in
                guard case .array(let pair)? = entry["between"] else { return true }
                return !pair.contains { value in
                    guard case .string(let path) = value else { return false }
                    return prefixes.contains { path.hasPrefix($0) }
                }
            }
        }
        correlations += fragment.correlations.map(\.json)
        if !correlations.isEmpty || root["correlations"] != nil {
            root["correlations"] = .array(correlations)
        }
        return JSONTree.object(root).text() + "\n"
    }
}
