import CLVRandom

/// Reading segments (docs/scenario-format.md, "Segments"): retention, revenue, margin, costs and referrals.
extension ScenarioDecoder {
    static let segmentKeys = ["name", "customers", "renewals", "retention", "revenue", "revenueVariation",
                              "revenueGrowth", "margin", "serviceCost", "referrals", "billingPeriods", "recency", "migration"]

    /// The segment at `path`, or nil after reporting every problem with it. Referral targets are
    /// checked later, once every segment name is known.
    mutating func segment(_ value: JSONValue, at path: String, horizon: Int?) -> Segment? {
        guard let fields = object(value, at: path, what: "a segment", allowed: Self.segmentKeys,
                                  required: ["name", "retention", "revenue"]) else { return nil }
        let errorsBefore = errorCount
        let name = fields["name"].flatMap { self.name($0, at: fields.path("name"), what: "the segment name") }
        let customers = fields["customers"].map {
            integer($0, at: fields.path("customers"), what: "customers", range: ScenarioLimits.customers)
        } ?? 0
        let renewals = fields["renewals"].map {
            integer($0, at: fields.path("renewals"), what: "renewals", range: ScenarioLimits.renewals)
        } ?? 0
        let retention = fields["retention"].flatMap { self.retention($0, at: fields.path("retention")) }
        let revenue = fields["revenue"].flatMap {
            distribution($0, at: fields.path("revenue"), what: "revenue", domain: .nonNegative)
        }
        let variation = fields["revenueVariation"].map { revenueVariation($0, at: fields.path("revenueVariation")) }
        let growth = fields["revenueGrowth"].map {
            distribution($0, at: fields.path("revenueGrowth"), what: "revenueGrowth", domain: .aboveMinusOne)
        } ?? .fixed(0)
        let margin = fields["margin"].map {
            distribution($0, at: fields.path("margin"), what: "margin", domain: .unitInterval)
        } ?? .fixed(1)
        let serviceCost = fields["serviceCost"].map {
            distribution($0, at: fields.path("serviceCost"), what: "serviceCost", domain: .nonNegative)
        } ?? .fixed(0)
        let referrals = fields["referrals"].map { self.referrals($0, at: fields.path("referrals"), horizon: horizon) }
        let billing = fields["billingPeriods"].map {
            integer($0, at: fields.path("billingPeriods"), what: "billingPeriods", range: ScenarioLimits.billingPeriods)
        } ?? 1
        let recency = fields["recency"].map { recencyStart($0, at: fields.path("recency"), retention: retention) } ?? 1
        let migration = fields["migration"].map { self.migration($0, at: fields.path("migration")) } ?? []

        guard errorCount == errorsBefore, let name, let customers, let renewals, let retention, let revenue,
              let growth, let margin, let serviceCost, let billing, let recency, let migration else { return nil }
        var segment = Segment(name: name, customers: customers, renewals: renewals, retention: retention, revenue: revenue)
        if let variation {
            guard let variation else { return nil }
            segment.revenueVariation = variation
        }
        segment.revenueGrowth = growth
        segment.margin = margin
        segment.serviceCost = serviceCost
        if let referrals {
            guard let referrals else { return nil }
            segment.referrals = referrals
        }
        segment.billingPeriods = billing
        segment.recency = recency
        segment.migration = migration
        return segment
    }

    /// A retention model: `constant`, `sbg`, `curve` or `recency`.
    mutating func retention(_ value: JSONValue, at path: String) -> RetentionModel? {
        let models = ["constant": ["rate"], "sbg": ["alpha", "beta"], "curve": ["rates", "scale"], "recency": ["purchaseProbability"]]
        guard case .object(let members) = value.kind else {
            error(path, "retention must be an object, found \(value.typeDescription)",
                  fix: "write e.g. {\"model\": \"constant\", \"rate\": 0.8} or {\"model\": \"sbg\", \"alpha\": 1, \"beta\": 3}")
            return nil
        }
        guard let modelMember = members.first(where: { $0.key == "model" }) else {
            error(JSONPath.member(path, "model"), "retention is missing the required key \"model\"",
                  fix: "add \"model\": \"constant\", \"sbg\", \"curve\" or \"recency\"")
            return nil
        }
        guard case .string(let model) = modelMember.value.kind, let keys = models[model] else {
            let found: String
            if case .string(let s) = modelMember.value.kind { found = "\"\(s.prefix(40))\"" } else { found = modelMember.value.typeDescription }
            let text: String
            if case .string(let s) = modelMember.value.kind { text = s } else { text = "" }
            error(JSONPath.member(path, "model"), "unknown retention model \(found)",
                  fix: KeySuggestion.hint(for: text, among: ["constant", "sbg", "curve", "recency"],
                                          otherwise: "use \"constant\", \"sbg\", \"curve\" or \"recency\""))
            return nil
        }
        let required = model == "curve" ? ["model", "rates"] : ["model"] + keys
        guard let fields = object(value, at: path, what: "\(model == "sbg" ? "an" : "a") \(model) retention model", allowed: ["model"] + keys,
                                  required: required) else { return nil }
        switch model {
        case "constant":
            if let rateJSON = fields["rate"], Self.isResponse(rateJSON) {
                return responseCurve(rateJSON, at: fields.path("rate"), what: "the retention rate").map { .constantResponse($0) }
            }
            guard let rate = fields["rate"].flatMap({ distribution($0, at: fields.path("rate"), what: "the retention rate", domain: .unitInterval) })
            else { return nil }
            return .constant(rate: rate)
        case "recency":
            return recencyRetention(fields)
        case "sbg":
            let alpha = fields["alpha"].flatMap { distribution($0, at: fields.path("alpha"), what: "alpha", domain: .positive) }
            let beta = fields["beta"].flatMap { distribution($0, at: fields.path("beta"), what: "beta", domain: .positive) }
            guard let alpha, let beta else { return nil }
            return .sbg(alpha: alpha, beta: beta)
        default:
            let scale = fields["scale"].map { distribution($0, at: fields.path("scale"), what: "scale", domain: .nonNegative) } ?? .fixed(1)
            guard let ratesJSON = fields["rates"],
                  let elements = array(ratesJSON, at: fields.path("rates"), what: "rates", count: ScenarioLimits.curveRates)
            else { return nil }
            var rates: [Double] = []
            var ok = true
            for (i, element) in elements.enumerated() {
                let elementPath = JSONPath.element(fields.path("rates"), i)
                guard let r = number(element, at: elementPath, what: "each rate") else { ok = false; continue }
                guard (0...1).contains(r) else {
                    error(elementPath, "each rate must be between 0 and 1, found \(r.shortText)", fix: "write the renewal probability as a fraction, e.g. 0.8 for 80%")
                    ok = false
                    continue
                }
                rates.append(r)
            }
            guard ok, let scale else { return nil }
            return .curve(rates: rates, scale: scale)
        }
    }

    /// `{"shape": k}` with k > 0.
    mutating func revenueVariation(_ value: JSONValue, at path: String) -> RevenueVariation? {
        guard let fields = object(value, at: path, what: "revenueVariation", allowed: ["shape"], required: ["shape"]),
              let shapeJSON = fields["shape"],
              let shape = number(shapeJSON, at: fields.path("shape"), what: "shape") else { return nil }
        guard shape > 0 else {
            error(fields.path("shape"), "shape must be greater than 0, found \(shape.shortText)",
                  fix: "use a positive shape k (the multiplier's variance is 1/k; larger means less spread)")
            return nil
        }
        return RevenueVariation(shape: shape)
    }

    /// `{"coefficient": Dist, "cyclePeriods": c, "into": "segment"}`; warns when E[K] ≥ 1.
    mutating func referrals(_ value: JSONValue, at path: String, horizon: Int?) -> Referrals? {
        guard let fields = object(value, at: path, what: "referrals", allowed: ["coefficient", "cyclePeriods", "into"],
                                  required: ["coefficient"]) else { return nil }
        let coefficient = fields["coefficient"].flatMap {
            distribution($0, at: fields.path("coefficient"), what: "the viral coefficient", domain: .nonNegative)
        }
        let cycle = fields["cyclePeriods"].map {
            integer($0, at: fields.path("cyclePeriods"), what: "cyclePeriods", range: 1...ScenarioLimits.horizonPeriods.upperBound)
        } ?? 1
        let into = fields["into"].map { name($0, at: fields.path("into"), what: "into") }
        guard let coefficient, let cycle else { return nil }
        let mean = coefficient.mean
        if mean >= 1 {
            warning(fields.path("coefficient"),
                    "the viral coefficient K has mean \(mean.shortText) ≥ 1: each customer brings at least one more on average, so referrals grow without limit until the horizon",
                    fix: "K ≥ 1 is allowed; the horizon bounds growth (check that this is intended)")
        }
        if let horizon, cycle > horizon {
            warning(fields.path("cyclePeriods"), "cyclePeriods \(cycle) exceeds the horizon of \(horizon) periods, so no referral ever arrives",
                    fix: "shorten cyclePeriods or remove referrals")
        }
        if let into {
            guard let into else { return nil }
            return Referrals(coefficient: coefficient, cyclePeriods: cycle, into: into)
        }
        return Referrals(coefficient: coefficient, cyclePeriods: cycle)
    }
}
