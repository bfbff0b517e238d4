/// Scenario fragments from each kind of fit.
extension ScenarioFragment {
    /// The retention block of `model` from a retention fit, for segment `segment`.
    ///
    /// sBG: `{"model": "sbg", "alpha": gamma(α̂, se α), "beta": gamma(β̂, se β)}` and a rank
    /// correlation between `…retention.alpha` and `…retention.beta` from the estimates'
    /// correlation. Constant: `{"model": "constant", "rate": beta(r̂, se r)}`.
    ///
    /// - Throws: `FitError` when `model` is sBG and the sBG model could not be fitted.
    /// - Complexity: O(1).
    public static func retention(_ fit: RetentionFit, model: RetentionModelName, segment: String) throws -> ScenarioFragment {
        switch model {
        case .constant:
            let r = fit.constant.values[0], se = fit.constant.standardErrors[0]
            var notes: [String] = []
            if se >= 0.99 * (r * (1 - r)).squareRoot() {
                notes.append("the standard error of the rate is too large for a Beta; its sd was capped")
            }
            return ScenarioFragment(
                segment: segment,
                fields: ["retention": .object(["model": .string("constant"), "rate": betaDist(mean: r, sd: se)])],
                notes: notes, replacedPathPrefixes: ["retention."])
        case .sbg:
            guard let sbg = fit.sbg else {
                throw FitError("the sBG model could not be fitted: \(fit.sbgProblem ?? "unknown reason"); use the constant model")
            }
            let se = sbg.standardErrors
            var fragment = ScenarioFragment(
                segment: segment,
                fields: ["retention": .object(["model": .string("sbg"),
                                               "alpha": gammaDist(mean: sbg.values[0], sd: se[0]),
                                               "beta": gammaDist(mean: sbg.values[1], sd: se[1])])],
                replacedPathPrefixes: ["retention."])
            let rho = sbg.correlation(0, 1)
            if rho.isFinite {
                fragment.correlations.append(Correlation(
                    between: (fragment.path("retention.alpha"), fragment.path("retention.beta")),
                    rank: rankCorrelation(fromLinear: rho)))
            }
            return fragment
        }
    }

    /// Revenue and spend heterogeneity from a Gamma-Gamma fit, for segment `segment`.
    ///
    /// `revenue` becomes gamma(E[ζ], se) with E[ζ] = pγ/(q − 1), the mean value per purchase —
    /// the revenue per period when customers buy once per period. `revenueVariation.shape`
    /// becomes q − 2, the Gamma(k, 1/k) multiplier with the model's coefficient of variation of
    /// customers' mean spend, 1/√(q − 2).
    ///
    /// - Throws: `FitError` when q ≤ 1 (the mean value is infinite).
    /// - Complexity: O(1).
    public static func spend(_ fit: SpendFit, segment: String) throws -> ScenarioFragment {
        guard let mean = fit.meanTransactionValue else {
            throw FitError("the fitted q is at most 1, so the mean purchase value is infinite; the data have too heavy a tail for the Gamma-Gamma model")
        }
        var fields: [String: JSONTree] = ["revenue": gammaDist(mean: mean.mean, sd: mean.standardError)]
        var notes: [String] = []
        if let shape = fit.spendMultiplierShape {
            fields["revenueVariation"] = .object(["shape": .number(rounded(shape))])
        } else {
            notes.append("q ≤ 2: customers' mean spend has infinite variance under the fit, so revenueVariation was left as it was")
        }
        return ScenarioFragment(segment: segment, fields: fields, notes: notes)
    }

    /// The viral coefficient from a referral fit, for segment `segment`: `referrals.coefficient`
    /// becomes the posterior `gamma(shape ½ + Σy, scale 1/n)`; `cyclePeriods` is set to
    /// `cyclePeriods` when given, otherwise to 1 only where the segment has none.
    ///
    /// - Complexity: O(1).
    public static func referrals(_ fit: ReferralFit, segment: String, cyclePeriods: Int? = nil) -> ScenarioFragment {
        let coefficient: JSONTree = .object(["dist": .string("gamma"),
                                              "shape": .number(rounded(fit.coefficientShape)),
                                              "scale": .number(rounded(1 / fit.coefficientRate))])
        var notes: [String] = []
        if let d = fit.dispersionIndex, d > 1.5 {
            notes.append("conversions vary more across customers than a Poisson allows (dispersion index \(rounded(d))); the posterior of K understates its uncertainty")
        }
        var overlay: [String: JSONTree] = ["coefficient": coefficient]
        var defaults: [String: [String: JSONTree]] = [:]
        if let cyclePeriods {
            overlay["cyclePeriods"] = .number(Double(cyclePeriods))
        } else {
            defaults["referrals"] = ["cyclePeriods": .number(1)]
        }
        return ScenarioFragment(segment: segment, overlays: ["referrals": overlay], defaults: defaults, notes: notes)
    }
}
