import CLVFit
import Foundation

/// Formatting of numbers for the fit tables.
enum FitFormat {
    /// `x` with 4 significant digits.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "inf" : "-inf") }
        return String(format: "%.4g", x)
    }

    /// `x` with 2 decimals.
    static func fixed(_ x: Double) -> String { String(format: "%.2f", x) }

    /// A Beta posterior as `Beta(α, β)`, its parameters with 4 significant digits.
    static func beta(_ p: BetaPosterior) -> String { "Beta(\(number(p.alpha)), \(number(p.beta)))" }

    /// A Beta posterior as JSON: α, β, mean and sd.
    static func json(_ p: BetaPosterior) -> [String: JSONTree] {
        ["alpha": .number(p.alpha), "beta": .number(p.beta), "mean": .number(p.mean), "sd": .number(p.sd)]
    }

    /// A table with left-aligned first column and right-aligned others.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { $0.indices.contains(i) ? $0[i].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                return i == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// An estimate as JSON: estimates, standard errors, covariance, log-likelihood and AIC.
    static func json(_ e: MaximumLikelihoodEstimate) -> JSONTree {
        let se = e.standardErrors
        var estimates: [String: JSONTree] = [:]
        var errors: [String: JSONTree] = [:]
        for (i, name) in e.names.enumerated() {
            estimates[name] = .number(e.values[i])
            errors[name] = .number(se[i])
        }
        let covariance = JSONTree.array((0..<e.values.count).map { i in
            .array((0..<e.values.count).map { j in .number(e.covariance[i, j]) })
        })
        return .object(["parameters": .array(e.names.map { .string($0) }), "estimates": .object(estimates),
                        "standardErrors": .object(errors), "covariance": covariance,
                        "logLikelihood": .number(e.logLikelihood), "aic": .number(e.aic),
                        "observations": .number(Double(e.observations))])
    }

    /// The estimate table rows of one model.
    static func rows(_ e: MaximumLikelihoodEstimate) -> [[String]] {
        let se = e.standardErrors
        return e.names.indices.map { i in [e.names[i], number(e.values[i]), number(se[i])] }
    }
}
