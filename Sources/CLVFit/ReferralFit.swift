import Foundation

/// The viral coefficient K estimated from invitations and conversions per customer, as
/// conjugate posteriors under stated weak (Jeffreys) priors.
///
/// With n customers, yᵢ conversions (referred customers who joined) and mᵢ invitations:
/// - **K**, conversions per customer: yᵢ ~ Poisson(K) (as the simulation draws them). With the
///   Jeffreys prior p(K) ∝ K^(−½) the posterior is `Gamma(shape ½ + Σyᵢ, rate n)`: mean
///   (½ + Σy)/n, sd √(½ + Σy)/n.
/// - **Conversion rate** c per invitation: yᵢ ~ Binomial(mᵢ, c). With the Jeffreys prior
///   Beta(½, ½) the posterior is `Beta(½ + Σy, ½ + Σ(m − y))`.
/// - **Invitations** per customer λ: mᵢ ~ Poisson(λ), posterior `Gamma(½ + Σm, n)`.
///
/// The index of dispersion of conversions, var(y)/mean(y), checks the Poisson assumption: a
/// value well above 1 means some customers refer far more than others, and the posterior of K
/// is then too narrow.
public struct ReferralFit: Sendable, Equatable {
    /// One customer's referral record.
    public struct Record: Sendable, Equatable {
        public var customer: String
        public var invitations: Int?
        public var conversions: Int
        public var line: Int

        /// A record; `line` is its input line (0 when not read from a file).
        ///
        /// - Complexity: O(1).
        public init(customer: String, invitations: Int?, conversions: Int, line: Int = 0) {
            self.customer = customer
            self.invitations = invitations
            self.conversions = conversions
            self.line = line
        }
    }

    /// Customers n.
    public var customers: Int
    /// Total conversions Σy.
    public var conversions: Int
    /// Total invitations Σm, when the data give invitations.
    public var invitations: Int?
    /// Posterior Gamma of K: shape ½ + Σy and rate n.
    public var coefficientShape: Double
    public var coefficientRate: Double
    /// Posterior Beta of the conversion rate per invitation, when the data give invitations.
    public var conversionAlpha: Double?
    public var conversionBeta: Double?
    /// var(y)/mean(y) over customers (nil with fewer than two customers or no conversions).
    public var dispersionIndex: Double?

    /// The prior's shape: the Jeffreys prior for a Poisson mean and for a binomial rate.
    public static let priorShape = 0.5

    /// Posterior mean of K.
    public var coefficientMean: Double { coefficientShape / coefficientRate }
    /// Posterior standard deviation of K.
    public var coefficientSD: Double { coefficientShape.squareRoot() / coefficientRate }
    /// Posterior mean of the conversion rate per invitation.
    public var conversionMean: Double? {
        guard let a = conversionAlpha, let b = conversionBeta else { return nil }
        return a / (a + b)
    }
    /// Posterior standard deviation of the conversion rate per invitation.
    public var conversionSD: Double? {
        guard let a = conversionAlpha, let b = conversionBeta else { return nil }
        return (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
    }

    /// The posteriors from per-customer records.
    ///
    /// - Throws: `FitError` when there are no records or a record has conversions above its
    ///   invitations or negative counts.
    /// - Complexity: O(n).
    public init(records: [Record]) throws {
        guard !records.isEmpty else { throw FitError("no customers; list each customer's invitations and conversions") }
        var totalY = 0, totalM = 0, sumSquares = 0.0
        let withInvitations = records.allSatisfy { $0.invitations != nil }
        for r in records {
            guard r.conversions >= 0 else { throw FitError(line: r.line, "conversions \(r.conversions) is negative") }
            guard r.conversions <= SurvivalTable.maximumCount, (r.invitations ?? 0) <= SurvivalTable.maximumCount else {
                throw FitError(line: r.line, "counts above \(SurvivalTable.maximumCount) are not accepted")
            }
            if let m = r.invitations {
                guard m >= 0 else { throw FitError(line: r.line, "invitations \(m) is negative") }
                guard r.conversions <= m else {
                    throw FitError(line: r.line, "\(r.conversions) conversions from \(m) invitations; conversions cannot exceed invitations")
                }
                totalM += m
            }
            totalY += r.conversions
            sumSquares += Double(r.conversions) * Double(r.conversions)
        }
        let n = Double(records.count)
        customers = records.count
        conversions = totalY
        invitations = withInvitations ? totalM : nil
        coefficientShape = Self.priorShape + Double(totalY)
        coefficientRate = n
        if withInvitations {
            conversionAlpha = Self.priorShape + Double(totalY)
            conversionBeta = Self.priorShape + Double(totalM - totalY)
        }
        let mean = Double(totalY) / n
        if records.count >= 2, mean > 0 {
            let variance = (sumSquares - n * mean * mean) / (n - 1)
            dispersionIndex = variance / mean
        }
    }

    /// Reads a CSV table with columns `customer, invitations, conversions` (or `customer,
    /// conversions`). A header row, when present, chooses the columns by name (`invitations`/
    /// `invites`/`sent`; `conversions`/`converted`/`referred`).
    ///
    /// - Throws: `FitError` naming the line of a row with a missing customer, a count that is
    ///   not a whole number ≥ 0, or more conversions than invitations.
    /// - Complexity: O(n).
    public static func records(csv table: CSVTable) throws -> [Record] {
        guard let first = table.records.first else {
            throw FitError(line: 1, "the file is empty; expected columns customer, invitations, conversions")
        }
        var rows = table.records[...]
        var columns: (customer: Int, invitations: Int?, conversions: Int)
        if first.fields.count >= 2, first.fields.dropFirst().allSatisfy({ Int($0) != nil }) {
            switch first.fields.count {
            case 2: columns = (0, nil, 1)
            case 3: columns = (0, 1, 2)
            default:
                throw FitError(line: first.line, "expected 3 columns (customer, invitations, conversions), found \(first.fields.count)")
            }
        } else {
            let names = first.fields.map { $0.lowercased() }
            func column(_ candidates: [String]) -> Int? { names.firstIndex { candidates.contains($0) } }
            guard let c = column(["customer", "customer_id", "customerid", "id", "referrer"]),
                  let y = column(["conversions", "converted", "referred", "referrals", "joined"]) else {
                throw FitError(line: first.line, "the header must name customer and conversions columns (and optionally invitations)")
            }
            columns = (c, column(["invitations", "invites", "invited", "sent"]), y)
            rows = rows.dropFirst()
        }
        let width = first.fields.count
        var result: [Record] = []
        var seen: [String: Int] = [:]
        for record in rows {
            guard record.fields.count == width else {
                throw FitError(line: record.line, "expected \(width) fields, found \(record.fields.count)")
            }
            let customer = record.fields[columns.customer]
            guard !customer.isEmpty else { throw FitError(line: record.line, "the customer id is empty") }
            if let other = seen[customer] {
                throw FitError(line: record.line, "customer \(customer) appears twice (also on line \(other)); give one row per customer")
            }
            seen[customer] = record.line
            func count(_ index: Int, _ what: String) throws -> Int {
                let text = record.fields[index]
                guard let n = Int(text) else { throw FitError(line: record.line, "\(what) \"\(text)\" is not a whole number") }
                guard n >= 0 else { throw FitError(line: record.line, "\(what) \(n) is negative") }
                guard n <= SurvivalTable.maximumCount else {
                    throw FitError(line: record.line, "\(what) \(n) is more than clvsim accepts (\(SurvivalTable.maximumCount))")
                }
                return n
            }
            let invitations = try columns.invitations.map { try count($0, "invitations") }
            let conversions = try count(columns.conversions, "conversions")
            if let m = invitations, conversions > m {
                throw FitError(line: record.line, "\(conversions) conversions from \(m) invitations; conversions cannot exceed invitations")
            }
            result.append(Record(customer: customer, invitations: invitations, conversions: conversions, line: record.line))
        }
        guard !result.isEmpty else { throw FitError(line: first.line, "the file holds a header but no customers") }
        return result
    }
}
