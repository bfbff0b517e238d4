import Foundation

/// The part of a scenario a fit writes: keys of one segment, and correlations between the
/// fitted parameters, with the fit's uncertainty carried by the distributions.
///
/// Fitted parameters become `Dist` objects whose mean is the estimate and whose sd is its
/// standard error (or posterior sd), from a family that stays in the parameter's domain:
/// - positive parameters (sBG α and β, revenue, the viral coefficient K): `gamma` by mean and
///   sd. A gamma is positive by construction and, when the standard error is small against the
///   estimate (the regime where the normal approximation of an MLE holds), it is close to the
///   normal the asymptotic theory gives; a normal truncated at 0 would instead shift the mean.
/// - rates in (0, 1) (constant retention): `beta` by mean and sd, for the same reasons on [0, 1].
///
/// Two estimates with correlation ρ (from the covariance) become a scenario correlation with
/// the Spearman rank correlation a Gaussian copula with correlation ρ has,
/// `ρ_s = (6/π)·asin(ρ/2)`.
public struct ScenarioFragment: Sendable, Equatable {
    /// A correlation between two scenario paths.
    public struct Correlation: Sendable, Equatable {
        public var between: (String, String)
        public var rank: Double

        /// A rank correlation `rank` between two scenario paths.
        ///
        /// - Complexity: O(1).
        public init(between: (String, String), rank: Double) {
            self.between = between
            self.rank = rank
        }

        public static func == (a: Correlation, b: Correlation) -> Bool {
            a.between == b.between && a.rank == b.rank
        }
    }

    /// The segment the fragment belongs to.
    public var segment: String
    /// Keys of the segment to set, as JSON values (`retention`, `revenue`, `revenueVariation`),
    /// replacing what the segment had.
    public var fields: [String: JSONTree]
    /// Keys of object-valued segment fields to set inside the existing object (created when
    /// missing), keeping its other keys: `referrals.coefficient`.
    public var overlays: [String: [String: JSONTree]]
    /// Keys of object-valued segment fields to set only where the existing object lacks them:
    /// `referrals.cyclePeriods`.
    public var defaults: [String: [String: JSONTree]]
    /// Keys of the segment to remove (a fitted absence: no migration seen).
    public var removedFields: [String]
    /// Correlations between the fitted parameters.
    public var correlations: [Correlation]
    /// Remarks on choices made while building the fragment (shown to the user).
    public var notes: [String]
    /// Scenario paths below `segments.<segment>.` whose existing correlations the fragment
    /// replaces (those of the model it overwrites).
    public var replacedPathPrefixes: [String]

    /// A fragment for `segment` from its parts.
    ///
    /// - Complexity: O(1).
    public init(segment: String, fields: [String: JSONTree] = [:],
                overlays: [String: [String: JSONTree]] = [:], defaults: [String: [String: JSONTree]] = [:],
                removedFields: [String] = [], correlations: [Correlation] = [], notes: [String] = [],
                replacedPathPrefixes: [String] = []) {
        self.segment = segment
        self.fields = fields
        self.removedFields = removedFields
        self.overlays = overlays
        self.defaults = defaults
        self.correlations = correlations
        self.notes = notes
        self.replacedPathPrefixes = replacedPathPrefixes
    }

    /// The fragment as a JSON object: `{"segments": [{"name": …, …}], "correlations": […]}`.
    ///
    /// - Complexity: O(size of the fragment).
    public var json: JSONTree {
        var segmentObject = fields
        for (key, values) in defaults {
            segmentObject[key] = .object(values)
        }
        for (key, values) in overlays {
            var merged: [String: JSONTree] = [:]
            if case .object(let existing)? = segmentObject[key] { merged = existing }
            for (k, v) in values { merged[k] = v }
            segmentObject[key] = .object(merged)
        }
        segmentObject["name"] = .string(segment)
        var top: [String: JSONTree] = ["segments": .array([.object(segmentObject)])]
        if !correlations.isEmpty {
            top["correlations"] = .array(correlations.map(\.json))
        }
        return .object(top)
    }

    /// Several fragments (of different segments) as one JSON object: every fragment's segment
    /// object in order under `segments`, and all their correlations.
    ///
    /// - Complexity: O(size of the fragments).
    public static func json(of fragments: [ScenarioFragment]) -> JSONTree {
        var segments: [JSONTree] = []
        var correlations: [JSONTree] = []
        for fragment in fragments {
            guard case .object(let top) = fragment.json else { continue }
            if case .array(let s)? = top["segments"] { segments += s }
            if case .array(let c)? = top["correlations"] { correlations += c }
        }
        var top: [String: JSONTree] = ["segments": .array(segments)]
        if !correlations.isEmpty { top["correlations"] = .array(correlations) }
        return .object(top)
    }

    /// The scenario path of a field of this fragment's segment, `segments.<name>.<field>`.
    ///
    /// - Complexity: O(length of the names).
    public func path(_ field: String) -> String { "segments.\(segment).\(field)" }

    /// A `gamma` distribution by mean and sd.
    ///
    /// - Complexity: O(1).
    public static func gammaDist(mean: Double, sd: Double) -> JSONTree {
        .object(["dist": .string("gamma"), "mean": .number(rounded(mean)), "sd": .number(rounded(sd))])
    }

    /// A `beta` distribution by mean and sd, with the sd capped below `√(m(1 − m))` (the
    /// largest a Beta with that mean can have) when the data are too few to respect it.
    ///
    /// - Complexity: O(1).
    public static func betaDist(mean: Double, sd: Double) -> JSONTree {
        let cap = 0.99 * (mean * (1 - mean)).squareRoot()
        return .object(["dist": .string("beta"), "mean": .number(rounded(mean)), "sd": .number(rounded(min(sd, cap)))])
    }

    /// A `beta` distribution by its parameters α and β: an exact conjugate posterior.
    ///
    /// - Complexity: O(1).
    public static func betaDist(_ posterior: BetaPosterior) -> JSONTree {
        .object(["dist": .string("beta"), "alpha": .number(rounded(posterior.alpha)), "beta": .number(rounded(posterior.beta))])
    }

    /// A `normal` distribution by mean and sd, truncated to [`min`, `max`].
    ///
    /// - Complexity: O(1).
    public static func truncatedNormalDist(mean: Double, sd: Double, min: Double, max: Double) -> JSONTree {
        .object(["dist": .string("normal"), "mean": .number(rounded(mean)), "sd": .number(rounded(sd)),
                 "min": .number(min), "max": .number(max)])
    }

    /// The rank correlation of a Gaussian copula with linear correlation ρ: (6/π)·asin(ρ/2).
    ///
    /// - Complexity: O(1).
    public static func rankCorrelation(fromLinear rho: Double) -> Double {
        6 / Double.pi * asin(max(-1, min(1, rho)) / 2)
    }

    /// `x` rounded to 6 significant digits, so fragments read cleanly.
    ///
    /// - Complexity: O(1).
    public static func rounded(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        let magnitude = pow(10, 5 - floor(log10(abs(x))))
        let r = (x * magnitude).rounded() / magnitude
        return r.isFinite ? r : x
    }
}

extension ScenarioFragment.Correlation {
    /// `{"between": [a, b], "rank": ρ}`.
    var json: JSONTree {
        .object(["between": .array([.string(between.0), .string(between.1)]),
                 "rank": .number(ScenarioFragment.rounded(rank))])
    }
}
