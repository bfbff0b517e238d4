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
        var totals = Totals()
        for r in records { try totals.add(r) }
        try self.init(totals: totals)
    }

    /// The posteriors from totals gathered record by record.
    ///
    /// - Throws: `FitError` when there are no customers.
    /// - Complexity: O(1).
    init(totals: Totals) throws {
        guard totals.customers > 0 else { throw FitError("no customers; list each customer's invitations and conversions") }
        let n = Double(totals.customers)
        customers = totals.customers
        conversions = totals.conversions
        invitations = totals.allHaveInvitations ? totals.invitations : nil
        coefficientShape = Self.priorShape + Double(totals.conversions)
        coefficientRate = n
        if totals.allHaveInvitations {
            conversionAlpha = Self.priorShape + Double(totals.conversions)
            conversionBeta = Self.priorShape + Double(totals.invitations - totals.conversions)
        }
        let mean = Double(totals.conversions) / n
        if totals.customers >= 2, mean > 0 {
            let variance = (totals.sumOfSquares - n * mean * mean) / (n - 1)
            dispersionIndex = variance / mean
        }
    }

    /// Fits straight from a CSV file's bytes (the layout of `records(csv:)`), one record at a
    /// time: memory for the customer ids (to find duplicates), not for the table.
    ///
    /// - Throws: `FitError` as `records(csv:)` and `init(records:)`.
    /// - Complexity: O(n) in the bytes.
    public init(csvBytes bytes: [UInt8]) throws {
        var reader = RowReader()
        var totals = Totals()
        // One customer per line: size the duplicate check once instead of growing it.
        reader.reserveCapacity(bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } + 1)
        try bytes.withUnsafeBufferPointer { buffer in
            try CSVTable.forEachRecord(in: buffer) { record in
                if let row = try reader.read(record) { try totals.add(row) }
            }
        }
        try reader.finish()
        try self.init(totals: totals)
    }

    /// Reads a CSV table with columns `customer, invitations, conversions` (or `customer,
    /// conversions`). A header row, when present, chooses the columns by name (`invitations`/
    /// `invites`/`sent`; `conversions`/`converted`/`referred`).
    ///
    /// - Throws: `FitError` naming the line of a row with a missing customer, a count that is
    ///   not a whole number ≥ 0, or more conversions than invitations.
    /// - Complexity: O(n).
    public static func records(csv table: CSVTable) throws -> [Record] {
        var reader = RowReader()
        var result: [Record] = []
        for record in table.records {
            if let row = try reader.read(record) { result.append(row) }
        }
        try reader.finish()
        return result
    }
}
