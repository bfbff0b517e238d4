import CLVRandom

/// The scenario paths a file's correlations and strategy changes may name, built from the parts
/// of the file that were read successfully.
///
/// Paths into parts that failed to read (a segment with a mistake, an invalid plan) are
/// *unresolved*: they are neither accepted nor reported, since the mistake itself already is.
struct ScenarioInputCatalogue {
    /// Every resolved input by path.
    var inputs: [String: ScenarioInput] = [:]
    /// Resolved paths in canonical order, for suggestions.
    var paths: [String] = []
    /// Names of segments written in the file that could not be read.
    var unresolvedSegments: Set<String> = []
    /// Indices of acquisition plans that could not be read.
    var unresolvedPlans: Set<Int> = []
    /// Whether `annualDiscountRate` was read successfully.
    var discountRateResolved = true
    /// Whether the strategies were read successfully (paths `strategies.…` name their amounts).
    var strategiesResolved = true

    /// What a path names.
    enum Lookup {
        case input(ScenarioInput)
        case unresolved
        case unknown
    }

    /// Builds the catalogue from a provisional scenario whose invalid plans are placeholders.
    ///
    /// - Complexity: O(segments + plans).
    init(provisional: Scenario, unresolvedSegments: Set<String>, unresolvedPlans: Set<Int>, discountRateResolved: Bool,
         strategiesResolved: Bool = true) {
        for input in provisional.inputs {
            inputs[input.path] = input
            paths.append(input.path)
        }
        self.unresolvedSegments = unresolvedSegments
        self.unresolvedPlans = unresolvedPlans
        self.discountRateResolved = discountRateResolved
        self.strategiesResolved = strategiesResolved
    }

    /// What `path` names.
    func lookup(_ path: String) -> Lookup {
        if let input = inputs[path] {
            switch input.site {
            case .acquisition(let p, _) where unresolvedPlans.contains(p): return .unresolved
            case .annualDiscountRate where !discountRateResolved: return .unresolved
            default: return .input(input)
            }
        }
        let parts = path.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count >= 2 {
            if parts[0] == "segments", unresolvedSegments.contains(String(parts[1])) { return .unresolved }
            if parts[0] == "acquisition", let p = Int(parts[1]), unresolvedPlans.contains(p) { return .unresolved }
            if parts[0] == "strategies", !strategiesResolved { return .unresolved }
        }
        return .unknown
    }

    /// The fix for an unknown path: the closest known path, or a list of them.
    func hint(for path: String) -> String {
        KeySuggestion.hint(for: path, among: paths, otherwise: "name a distribution field of this scenario, e.g. \(KeySuggestion.quotedList(paths, limit: 8))")
    }
}
