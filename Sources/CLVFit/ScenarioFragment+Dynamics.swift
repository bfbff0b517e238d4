/// Scenario fragments for customer dynamics: recency (non-contractual) retention and migration
/// between segments.
extension ScenarioFragment {
    /// The recency retention block from a recency fit, for segment `segment`:
    /// `{"model": "recency", "purchaseProbability": [beta(α₁, β₁), …, beta(αₖ, βₖ)]}`, each pⱼ
    /// its exact Beta posterior. Correlations naming the segment's old retention are dropped.
    ///
    /// - Complexity: O(k).
    public static func recency(_ fit: RecencyFit, segment: String) -> ScenarioFragment {
        let probabilities = fit.states.map { betaDist($0.posterior) }
        var notes: [String] = []
        let unseen = fit.states.filter { $0.exposures == 0 }.map { String($0.recency) }
        if !unseen.isEmpty {
            notes.append("no customer was observed at recency \(unseen.joined(separator: ", ")): those probabilities keep the uniform prior Beta(1, 1)")
        }
        if fit.returnedAfterLoss > 0 {
            notes.append("\(fit.returnedAfterLoss) of \(fit.customers) customers purchased again after \(fit.stateCount + 1) \(fit.period.rawValue)s without a purchase, where the model counts them lost; with many such customers, raise --states")
        }
        return ScenarioFragment(
            segment: segment,
            fields: ["retention": .object(["model": .string("recency"), "purchaseProbability": .array(probabilities)])],
            notes: notes, replacedPathPrefixes: ["retention."])
    }

    /// One fragment per `from` segment of a migration fit.
    ///
    /// `migration` becomes `[{"to": e, "probability": Dist}, …]` in input order, or is removed
    /// when the segment's customers were only seen to stay. With one destination the Dist is its
    /// exact marginal posterior `beta(aₑ, A − aₑ)`. With several, independently drawn Betas
    /// could sum above 1 in a trial, which a scenario rejects (the upper ends of the supports
    /// must sum to at most 1), so each is a normal with the marginal's mean and sd truncated to
    /// [0, uₑ], uₑ = mₑ/Σm (`MigrationFit.Origin.upperBounds`), rounded down to 10⁻⁶ so that the
    /// written bounds sum to at most 1 − 10⁻⁶. This approximates the Dirichlet marginals: their
    /// means and sds are kept where the truncation does not bite (the usual case, with uₑ many
    /// sds above mₑ), but the negative correlation of the Dirichlet components is not.
    ///
    /// When `includeRetention` is set and the segment's lost customers are counted,
    /// `retention` becomes `{"model": "constant", "rate": beta(1 + R, 1 + L)}`.
    ///
    /// - Complexity: O(n) in the counts.
    public static func migration(_ fit: MigrationFit, includeRetention: Bool = true) -> [ScenarioFragment] {
        fit.origins.map { origin in
            var fragment = ScenarioFragment(segment: origin.segment, replacedPathPrefixes: ["migration"])
            if origin.destinations.isEmpty {
                fragment.removedFields = ["migration"]
            } else if origin.destinations.count == 1, let d = origin.destinations.first {
                fragment.fields["migration"] = .array([.object([
                    "to": .string(d.segment), "probability": betaDist(d.posterior)])])
            } else {
                let bounds = supportBounds(origin.upperBounds)
                fragment.fields["migration"] = .array(zip(origin.destinations, bounds).map { d, u in
                    .object(["to": .string(d.segment),
                             "probability": truncatedNormalDist(mean: d.posterior.mean, sd: d.posterior.sd, min: 0, max: u)])
                })
            }
            if includeRetention, let renewal = origin.renewal {
                fragment.fields["retention"] = .object(["model": .string("constant"),
                                                        "rate": betaDist(renewal)])
                fragment.replacedPathPrefixes.append("retention.")
            }
            return fragment
        }
    }

    /// `bounds` (summing to 1) rounded down to multiples of 10⁻⁶, the largest lowered once more
    /// if need be, so that their sum stays at most 1 − 10⁻⁶ whatever the rounding of the
    /// floating-point sum.
    ///
    /// - Complexity: O(m).
    static func supportBounds(_ bounds: [Double]) -> [Double] {
        let scale = 1_000_000.0
        var units = bounds.map { max(1, ($0 * scale).rounded(.down)) }
        if units.reduce(0, +) >= scale, let largest = units.indices.max(by: { units[$0] < units[$1] }) {
            units[largest] -= units.reduce(0, +) - scale + 1
        }
        return units.map { $0 / scale }
    }
}
