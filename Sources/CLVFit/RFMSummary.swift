import Foundation

/// Recency, frequency and monetary value per customer, and the quintile RFM segmentation an
/// analyst starts from.
///
/// For each customer, with purchase days counted once (same-day purchases merged):
/// - **recency**: days from the customer's last purchase to the analysis date (the last day
///   in the log unless another is given);
/// - **frequency**: the number of purchase days;
/// - **monetary**: the mean amount per purchase day.
///
/// Each is scored 1–5 by quintile over customers, 5 best (most recent, most frequent, highest
/// spend). A customer's score is `1 + ⌊5·b/n⌋` where b counts the customers strictly worse, so
/// tied customers share a score and scores do not depend on input order.
public struct RFMSummary: Sendable, Equatable {
    /// One customer's summary and scores.
    public struct Customer: Sendable, Equatable {
        public var id: String
        public var firstPurchase: CalendarDate
        public var lastPurchase: CalendarDate
        /// Days since the last purchase at the analysis date.
        public var recency: Int
        /// Purchase days.
        public var frequency: Int
        /// Mean amount per purchase day.
        public var monetary: Double
        /// Total amount.
        public var total: Double
        /// Quintile scores 1–5 (5 best).
        public var recencyScore: Int
        public var frequencyScore: Int
        public var monetaryScore: Int
        /// The named segment of the scores (see `RFMSegment`).
        public var segment: RFMSegment
    }

    /// One row of the segmentation table.
    public struct SegmentRow: Sendable, Equatable {
        public var segment: RFMSegment
        public var customers: Int
        /// Share of customers, in [0, 1].
        public var share: Double
        public var meanRecency: Double
        public var meanFrequency: Double
        public var meanMonetary: Double
        /// Total amount spent by the segment.
        public var revenue: Double
    }

    /// The analysis date recency is measured to.
    public var asOf: CalendarDate
    /// Customers in order of first appearance in the log.
    public var customers: [Customer]

    /// Summarises `log` at the analysis date `asOf` (default: the log's last purchase day).
    ///
    /// - Throws: `FitError` when a purchase lies after `asOf`.
    /// - Complexity: O(n log n) for n transactions.
    public init(_ log: TransactionLog, asOf: CalendarDate? = nil) throws {
        let days = log.purchaseDays()
        let lastDay = log.transactions.map(\.date).max() ?? CalendarDate(dayNumber: 0)
        let analysisDate = asOf ?? lastDay
        if let late = log.transactions.first(where: { $0.date > analysisDate }) {
            throw FitError(line: late.line, "purchase on \(late.date) is after the analysis date \(analysisDate)")
        }
        self.asOf = analysisDate
        var rows: [Customer] = []
        for (id, purchases) in days {
            guard let first = purchases.first, let last = purchases.last else { continue }
            let total = purchases.reduce(0) { $0 + $1.amount }
            rows.append(Customer(id: id, firstPurchase: first.date, lastPurchase: last.date,
                                 recency: analysisDate.dayNumber - last.date.dayNumber,
                                 frequency: purchases.count, monetary: total / Double(purchases.count),
                                 total: total, recencyScore: 0, frequencyScore: 0, monetaryScore: 0,
                                 segment: .hibernating))
        }
        let r = Self.scores(rows.map { -Double($0.recency) })
        let f = Self.scores(rows.map { Double($0.frequency) })
        let m = Self.scores(rows.map(\.monetary))
        for i in rows.indices {
            rows[i].recencyScore = r[i]
            rows[i].frequencyScore = f[i]
            rows[i].monetaryScore = m[i]
            rows[i].segment = RFMSegment(recencyScore: r[i], frequencyScore: f[i])
        }
        customers = rows
    }

    /// The per-customer summary as CSV text: `customer, firstPurchase, lastPurchase, recency,
    /// frequency, monetary, total, R, F, M, segment`, one row per customer. Customer ids that
    /// hold commas, quotes or line breaks are quoted (RFC 4180).
    ///
    /// - Complexity: O(customers).
    public var customerTable: String {
        func quoted(_ s: String) -> String {
            guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var lines = ["customer,firstPurchase,lastPurchase,recency,frequency,monetary,total,R,F,M,segment"]
        for c in customers {
            lines.append([quoted(c.id), c.firstPurchase.description, c.lastPurchase.description, String(c.recency),
                          String(c.frequency), String(c.monetary), String(c.total), String(c.recencyScore),
                          String(c.frequencyScore), String(c.monetaryScore), c.segment.rawValue].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Quintile scores: `1 + ⌊5·(number of values strictly below)/n⌋` (higher value, higher score).
    static func scores(_ values: [Double]) -> [Int] {
        let n = values.count
        let sorted = values.sorted()
        return values.map { v in
            // Number of values strictly below v, by binary search.
            var lo = 0, hi = n
            while lo < hi {
                let mid = (lo + hi) / 2
                if sorted[mid] < v { lo = mid + 1 } else { hi = mid }
            }
            return 1 + min(4, (5 * lo) / max(n, 1))
        }
    }

    /// The segmentation table, one row per segment that has customers, in `RFMSegment` order.
    ///
    /// - Complexity: O(customers).
    public var segmentTable: [SegmentRow] {
        let n = Double(max(customers.count, 1))
        return RFMSegment.allCases.compactMap { segment in
            let members = customers.filter { $0.segment == segment }
            guard !members.isEmpty else { return nil }
            let k = Double(members.count)
            return SegmentRow(segment: segment, customers: members.count, share: k / n,
                              meanRecency: Double(members.reduce(0) { $0 + $1.recency }) / k,
                              meanFrequency: Double(members.reduce(0) { $0 + $1.frequency }) / k,
                              meanMonetary: members.reduce(0) { $0 + $1.monetary } / k,
                              revenue: members.reduce(0) { $0 + $1.total })
        }
    }
}

/// Named RFM segments from the recency score R and frequency score F (each 1–5):
///
/// | segment | rule |
/// |---|---|
/// | champions | R ≥ 4 and F ≥ 4 |
/// | loyal | R ≥ 3 and F ≥ 3, not champions |
/// | new | R ≥ 4 and F ≤ 2 |
/// | needsAttention | R = 3 and F ≤ 2 |
/// | atRisk | R ≤ 2 and F ≥ 3 |
/// | hibernating | R ≤ 2 and F ≤ 2 |
public enum RFMSegment: String, Sendable, CaseIterable {
    case champions
    case loyal
    case new
    case needsAttention = "needs-attention"
    case atRisk = "at-risk"
    case hibernating

    /// The segment of recency score `r` and frequency score `f`.
    ///
    /// - Complexity: O(1).
    public init(recencyScore r: Int, frequencyScore f: Int) {
        switch (r, f) {
        case (4..., 4...): self = .champions
        case (3..., 3...): self = .loyal
        case (4..., _): self = .new
        case (3, _): self = .needsAttention
        case (_, 3...): self = .atRisk
        default: self = .hibernating
        }
    }
}
