/// Names an input's scenario path (docs/scenario-format.md, "Scenario paths") the way a planner
/// would say it, for charts and tables: `segments.monthly.retention.alpha` → "monthly · retention
/// α", `acquisition.0.cac` → "acquisition 1 · CAC", `annualDiscountRate` → "annual discount
/// rate", `strategies.loyalty.changes.0.add` → "loyalty · change 1 size",
/// `segments.shop.retention.purchaseProbability.0` → "shop · purchase probability at recency 1",
/// `segments.monthly.migration.0.probability` → "monthly · migration 1 probability". Plans,
/// changes, recency states and migrations are counted from 1. A path it does not know is returned unchanged.
public enum InputLabel {
    /// The label of `path`.
    ///
    /// - Complexity: O(length of path).
    public static func text(for path: String) -> String {
        if path == "annualDiscountRate" { return "annual discount rate" }
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3 else { return path }
        let rest = parts.dropFirst(2).joined(separator: ".")
        switch parts[0] {
        case "segments":
            if parts.count == 5, parts[2] == "retention", parts[3] == "purchaseProbability", let j = Int(parts[4]), j >= 0 {
                return "\(parts[1]) · purchase probability at recency \(j + 1)"
            }
            if parts.count == 5, parts[2] == "migration", parts[4] == "probability", let i = Int(parts[3]), i >= 0 {
                return "\(parts[1]) · migration \(i + 1) probability"
            }
            guard let field = segmentFields[rest] else { return path }
            return "\(parts[1]) · \(field)"
        case "acquisition":
            guard let index = Int(parts[1]), index >= 0, let field = planFields[rest] else { return path }
            return "acquisition \(index + 1) · \(field)"
        case "strategies":
            if parts.count == 5, parts[2] == "changes", let index = Int(parts[3]), index >= 0,
               let what = changeFields[parts[4]] {
                return "\(parts[1]) · change \(index + 1) \(what)"
            }
            guard let field = strategyFields[rest] else { return path }
            return "\(parts[1]) · \(field)"
        default:
            return path
        }
    }

    static let segmentFields = [
        "revenue": "revenue", "revenueGrowth": "revenue growth", "margin": "margin", "serviceCost": "service cost",
        "retention.rate": "retention rate", "retention.alpha": "retention α", "retention.beta": "retention β",
        "retention.scale": "retention-curve scale", "referrals.coefficient": "referral coefficient K",
    ]
    static let planFields = ["customersPerPeriod": "customers per period", "budgetPerPeriod": "budget per period", "cac": "CAC"]
    static let changeFields = ["add": "size", "multiply": "factor", "set": "value"]
    static let strategyFields = ["cost.upfront": "upfront cost", "cost.perPeriod": "cost per period",
                                 "cost.perActiveCustomer": "cost per active customer"]
}
