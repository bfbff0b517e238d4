import CLVRandom

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading `Dist` values (docs/scenario-format.md, "Distributions (`Dist`)"): a plain number, or an object with a `"dist"` key in any of
/// its parameterisations, resolved to the canonical `Distribution` case and checked against the
/// domain of the field that holds it.
extension ScenarioDecoder {
    /// The `dist` names and the keys each accepts.
    static let distributionKeys: [String: [String]] = [
        "fixed": ["value"],
        "uniform": ["min", "max"],
        "triangular": ["min", "mode", "max"],
        "pert": ["min", "mode", "max"],
        "normal": ["mean", "sd", "min", "max"],
        "lognormal": ["mean", "sd"],
        "gamma": ["shape", "scale", "mean", "sd"],
        "beta": ["alpha", "beta", "mean", "sd"],
        "poisson": ["mean"],
        "discrete": ["values", "weights"],
        "empirical": ["samples"],
    ]

    /// The distribution at `path`, or nil after reporting every problem with it. With a `domain`,
    /// a distribution that can take values outside it is reported with a way to bound it.
    mutating func distribution(_ value: JSONValue, at path: String, what: String, domain: InputDomain?) -> Distribution? {
        let resolved: Distribution?
        switch value.kind {
        case .number:
            resolved = number(value, at: path, what: what).map { Distribution.fixed($0) }
        case .object(let members):
            guard let distMember = members.first(where: { $0.key == "dist" }) else {
                error(path, "\(what) is an object without a \"dist\" key",
                      fix: "write a plain number, or name the distribution, e.g. {\"dist\": \"normal\", \"mean\": 30, \"sd\": 2}")
                return nil
            }
            guard case .string(let family) = distMember.value.kind else {
                error(JSONPath.member(path, "dist"), "\"dist\" must be a string naming a distribution, found \(distMember.value.typeDescription)",
                      fix: "use one of \(Self.familyList)")
                return nil
            }
            guard let keys = Self.distributionKeys[family] else {
                error(JSONPath.member(path, "dist"), "unknown distribution \"\(family)\"",
                      fix: KeySuggestion.hint(for: family, among: Array(Self.distributionKeys.keys),
                                              otherwise: "use one of \(Self.familyList)"))
                return nil
            }
            guard let fields = object(value, at: path, what: "a \(family) distribution", allowed: ["dist"] + keys) else { return nil }
            resolved = parameters(of: family, fields, what: what)
        default:
            error(path, "\(what) must be a number or a distribution object, found \(value.typeDescription)\(value.isNumericString ? " holding a number" : "")",
                  fix: value.isNumericString ? "remove the quotes around the number" : "write a number, or e.g. {\"dist\": \"uniform\", \"min\": 1, \"max\": 2}")
            return nil
        }
        guard let resolved else { return nil }
        if let domain { checkDomain(resolved, at: path, what: what, domain: domain) }
        return resolved
    }

    static var familyList: String {
        ["fixed", "uniform", "triangular", "pert", "normal", "lognormal", "gamma", "beta", "poisson", "discrete", "empirical"]
            .map { "\"\($0)\"" }.joined(separator: ", ")
    }

    // MARK: Families

    private mutating func parameters(of family: String, _ fields: JSONFields, what: String) -> Distribution? {
        func present(_ keys: String...) -> Bool { keys.allSatisfy { fields[$0] != nil } }
        switch family {
        case "fixed":
            guard let v = required("value", fields, family) else { return nil }
            return .fixed(v)
        case "uniform":
            guard let (a, b) = required2("min", "max", fields, family) else { return nil }
            guard a < b else {
                error(fields.path("max"), "a uniform distribution needs min < max, found min \(a.shortText) and max \(b.shortText)",
                      fix: a == b ? "write the plain number \(a.shortText) for a fixed value" : "swap min and max")
                return nil
            }
            return .uniform(min: a, max: b)
        case "triangular", "pert":
            let a = required("min", fields, family), m = required("mode", fields, family), b = required("max", fields, family)
            guard let a, let m, let b else { return nil }
            guard a < b else {
                error(fields.path("max"), "a \(family) distribution needs min < max, found min \(a.shortText) and max \(b.shortText)",
                      fix: a == b ? "write the plain number \(a.shortText) for a fixed value" : "swap min and max")
                return nil
            }
            guard a <= m, m <= b else {
                error(fields.path("mode"), "the mode \(m.shortText) lies outside [min, max] = [\(a.shortText), \(b.shortText)]",
                      fix: "choose a mode with min ≤ mode ≤ max")
                return nil
            }
            return family == "pert" ? .pert(min: a, mode: m, max: b) : .triangular(min: a, mode: m, max: b)
        case "normal":
            guard let (mean, sd) = required2("mean", "sd", fields, family) else { return nil }
            let lo = fields["min"].flatMap { number($0, at: fields.path("min"), what: "min") }
            let hi = fields["max"].flatMap { number($0, at: fields.path("max"), what: "max") }
            if (fields["min"] != nil && lo == nil) || (fields["max"] != nil && hi == nil) { return nil }
            guard sd > 0 else {
                error(fields.path("sd"), "sd must be greater than 0, found \(sd.shortText)", fix: "use a positive sd, or a plain number for a fixed value")
                return nil
            }
            if let lo, let hi, lo >= hi {
                error(fields.path("max"), "a truncated normal needs min < max, found min \(lo.shortText) and max \(hi.shortText)", fix: "swap min and max, or widen them")
                return nil
            }
            // The truncation interval must keep some probability: it must reach within 6 sd of the mean.
            if let lo, (lo - mean) / sd > 6 {
                error(fields.path("min"), "min \(lo.shortText) is more than 6 sd above the mean \(mean.shortText): almost no probability is left",
                      fix: "lower min or move the mean inside the bounds")
                return nil
            }
            if let hi, (mean - hi) / sd > 6 {
                error(fields.path("max"), "max \(hi.shortText) is more than 6 sd below the mean \(mean.shortText): almost no probability is left",
                      fix: "raise max or move the mean inside the bounds")
                return nil
            }
            return .normal(mean: mean, sd: sd, min: lo, max: hi)
        case "lognormal":
            guard let (mean, sd) = required2("mean", "sd", fields, family) else { return nil }
            guard mean > 0 else {
                error(fields.path("mean"), "a lognormal needs mean > 0, found \(mean.shortText)", fix: "use a positive mean (it is the mean of the variable itself)")
                return nil
            }
            guard sd > 0 else {
                error(fields.path("sd"), "sd must be greater than 0, found \(sd.shortText)", fix: "use a positive sd, or a plain number for a fixed value")
                return nil
            }
            return .lognormal(mean: mean, sd: sd)
        case "gamma":
            if fields["shape"] != nil || fields["scale"] != nil {
                if fields["mean"] != nil || fields["sd"] != nil {
                    error(fields.path, "a gamma distribution takes either shape and scale, or mean and sd, not both",
                          fix: "remove one pair")
                    return nil
                }
                guard let (k, theta) = required2("shape", "scale", fields, family) else { return nil }
                guard positive(k, fields.path("shape"), "shape"), positive(theta, fields.path("scale"), "scale") else { return nil }
                return .gamma(shape: k, scale: theta)
            }
            guard present("mean") || present("sd") else {
                error(fields.path, "a gamma distribution needs shape and scale, or mean and sd", fix: "add \"mean\" and \"sd\"")
                return nil
            }
            guard let (m, s) = required2("mean", "sd", fields, family) else { return nil }
            guard positive(m, fields.path("mean"), "mean"), positive(s, fields.path("sd"), "sd") else { return nil }
            let shape = (m / s) * (m / s), scale = s * (s / m)
            guard shape.isNormal, scale.isNormal else {
                error(fields.path, "mean \(m.shortText) and sd \(s.shortText) give a gamma shape or scale outside the range of numbers",
                      fix: "use a less extreme ratio of mean to sd")
                return nil
            }
            return .gamma(shape: shape, scale: scale)
        case "beta":
            if fields["alpha"] != nil || fields["beta"] != nil {
                if fields["mean"] != nil || fields["sd"] != nil {
                    error(fields.path, "a beta distribution takes either alpha and beta, or mean and sd, not both", fix: "remove one pair")
                    return nil
                }
                guard let (a, b) = required2("alpha", "beta", fields, family) else { return nil }
                guard positive(a, fields.path("alpha"), "alpha"), positive(b, fields.path("beta"), "beta") else { return nil }
                return .beta(alpha: a, beta: b)
            }
            guard present("mean") || present("sd") else {
                error(fields.path, "a beta distribution needs alpha and beta, or mean and sd", fix: "add \"mean\" and \"sd\"")
                return nil
            }
            guard let (m, s) = required2("mean", "sd", fields, family) else { return nil }
            guard m > 0, m < 1 else {
                error(fields.path("mean"), "a beta distribution's mean must lie strictly between 0 and 1, found \(m.shortText)", fix: "use a mean in (0, 1)")
                return nil
            }
            guard positive(s, fields.path("sd"), "sd") else { return nil }
            // ν = m(1 − m)/s² − 1 must be positive: s² < m(1 − m).
            let nu = m * (1 - m) / (s * s) - 1
            guard nu > 0, nu.isFinite else {
                let limit = (m * (1 - m)).squareRoot()
                error(fields.path("sd"), nu.isFinite
                      ? "sd \(s.shortText) is too large for a beta with mean \(m.shortText): it must be below √(m(1−m)) = \(Self.rounded(limit))"
                      : "sd \(s.shortText) is too small to represent a beta with mean \(m.shortText)",
                      fix: nu.isFinite ? "use an sd below \(Self.rounded(limit)) (a beta's sd is at most √(m(1−m)))" : "use a plain number for a fixed value")
                return nil
            }
            let alpha = m * nu, beta = (1 - m) * nu
            guard alpha.isNormal, beta.isNormal else {
                error(fields.path, "mean \(m.shortText) and sd \(s.shortText) give beta parameters outside the range of numbers", fix: "use a less extreme mean or sd")
                return nil
            }
            return .beta(alpha: alpha, beta: beta)
        case "poisson":
            guard let m = required("mean", fields, family) else { return nil }
            guard m >= 0, m <= 1e12 else {
                error(fields.path("mean"), "a poisson mean must be from 0 to 1e12, found \(m.shortText)", fix: "use a mean in that range")
                return nil
            }
            return .poisson(mean: m)
        case "discrete":
            guard let valuesJSON = requiredValue("values", fields, family), let weightsJSON = requiredValue("weights", fields, family) else { return nil }
            let values = numbers(valuesJSON, at: fields.path("values"), what: "values")
            let weights = numbers(weightsJSON, at: fields.path("weights"), what: "weights")
            guard let values, let weights else { return nil }
            guard values.count == weights.count else {
                error(fields.path("weights"), "there are \(values.count) values but \(weights.count) weights", fix: "give one weight per value")
                return nil
            }
            var ok = true
            for (i, w) in weights.enumerated() where w < 0 {
                error(JSONPath.element(fields.path("weights"), i), "weights must be at least 0, found \(w.shortText)", fix: "use a non-negative weight")
                ok = false
            }
            guard ok else { return nil }
            guard weights.reduce(0, +) > 0 else {
                error(fields.path("weights"), "the weights sum to 0", fix: "give at least one value a positive weight")
                return nil
            }
            guard weights.reduce(0, +).isFinite else {
                error(fields.path("weights"), "the weights sum to more than 1.8e308", fix: "scale the weights down (only their ratios matter)")
                return nil
            }
            return .discrete(values: values, weights: weights)
        case "empirical":
            guard let samplesJSON = requiredValue("samples", fields, family),
                  let samples = numbers(samplesJSON, at: fields.path("samples"), what: "samples") else { return nil }
            return .empirical(samples: samples)
        default:
            return nil
        }
    }

    private mutating func requiredValue(_ key: String, _ fields: JSONFields, _ family: String) -> JSONValue? {
        guard let value = fields[key] else {
            error(fields.path(key), "a \(family) distribution needs \"\(key)\"", fix: "add \"\(key)\"")
            return nil
        }
        return value
    }

    private mutating func required(_ key: String, _ fields: JSONFields, _ family: String) -> Double? {
        guard let value = requiredValue(key, fields, family) else { return nil }
        return number(value, at: fields.path(key), what: key)
    }

    private mutating func required2(_ a: String, _ b: String, _ fields: JSONFields, _ family: String) -> (Double, Double)? {
        let x = required(a, fields, family), y = required(b, fields, family)
        guard let x, let y else { return nil }
        return (x, y)
    }

    private mutating func positive(_ x: Double, _ path: String, _ what: String) -> Bool {
        guard x > 0 else {
            error(path, "\(what) must be greater than 0, found \(x.shortText)", fix: "use a positive \(what)")
            return false
        }
        return true
    }

    /// An array of 1 … 10⁶ finite numbers.
    private mutating func numbers(_ value: JSONValue, at path: String, what: String) -> [Double]? {
        guard let elements = array(value, at: path, what: what, count: ScenarioLimits.distributionEntries) else { return nil }
        var result: [Double] = []
        result.reserveCapacity(elements.count)
        let errorsBefore = errorCount
        for (i, element) in elements.enumerated() {
            if let x = number(element, at: JSONPath.element(path, i), what: "each entry") { result.append(x) }
            if errorCount - errorsBefore >= 20 { break }
        }
        return errorCount == errorsBefore ? result : nil
    }

    // MARK: Domains

    /// Reports `distribution` when it can take values outside `domain`.
    private mutating func checkDomain(_ distribution: Distribution, at path: String, what: String, domain: InputDomain) {
        if Self.fits(distribution, domain) { return }
        let support = distribution.support
        switch distribution {
        case .fixed(let v):
            error(path, "\(what) must be \(domain.text), found \(v.shortText)", fix: "use a value \(domain.text)")
        case .normal(_, _, let lo, let hi) where lo == nil || hi == nil:
            let bounds: String
            switch domain {
            case .unitInterval: bounds = "add \"min\": 0 and \"max\": 1, or use a beta distribution"
            case .nonNegative: bounds = "add \"min\": 0, or use a gamma or lognormal distribution"
            case .positive: bounds = "add a \"min\" above 0, or use a gamma or lognormal distribution"
            case .aboveMinusOne, .discountRate: bounds = "add a \"min\" above -1"
            case .anyValue: bounds = ""
            }
            error(path, "\(what) must be \(domain.text), but this normal distribution is unbounded\(lo == nil ? " below" : " above")", fix: bounds)
        default:
            let family = Self.familyName(distribution)
            let alternative: String
            switch domain {
            case .unitInterval: alternative = "keep every value between 0 and 1 (a beta, or a normal with \"min\": 0 and \"max\": 1)"
            case .positive: alternative = "keep every value above 0 (a gamma or lognormal never reaches 0)"
            default: alternative = "keep every value \(domain.text)"
            }
            error(path, "\(what) must be \(domain.text), but this \(family) distribution can take values from \(support.lowerBound.shortText) to \(support.upperBound.shortText)",
                  fix: alternative)
        }
    }

    /// Whether every value `distribution` can take lies in `domain`. Gamma, lognormal and beta
    /// variables are never exactly 0 (or 1), so an open end of their support is allowed.
    static func fits(_ distribution: Distribution, _ domain: InputDomain) -> Bool {
        switch (distribution, domain) {
        case (.gamma, .positive), (.lognormal, .positive), (.beta, .positive): return true
        default: return domain.contains(distribution.support)
        }
    }

    static func familyName(_ distribution: Distribution) -> String {
        switch distribution {
        case .fixed: return "fixed"
        case .uniform: return "uniform"
        case .triangular: return "triangular"
        case .pert: return "pert"
        case .normal: return "normal"
        case .lognormal: return "lognormal"
        case .gamma: return "gamma"
        case .beta: return "beta"
        case .poisson: return "poisson"
        case .discrete: return "discrete"
        case .empirical: return "empirical"
        }
    }

    /// A number with at most 4 significant decimals, for hints.
    static func rounded(_ x: Double) -> String {
        let scaled = (x * 10_000).rounded(.down) / 10_000
        return "\(scaled)"
    }
}
