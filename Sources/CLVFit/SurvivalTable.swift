/// Cohort survival data: for each acquisition cohort, how many of its customers are still
/// active after each period.
///
/// `active[0]` is the cohort's size at acquisition (period 0) and `active[t]` the number still
/// active after t renewals, so `active[t−1] − active[t]` customers churned at renewal t and
/// `active[T]` are still active at the cohort's last observed period T (right-censored).
/// Cohorts may have different lengths, as in a triangle of monthly cohorts.
public struct SurvivalTable: Sendable, Equatable {
    /// One acquisition cohort.
    public struct Cohort: Sendable, Equatable {
        /// The cohort's label.
        public var name: String
        /// Active customers after 0, 1, …, T periods; never increasing.
        public var active: [Int]
        /// The input line of each count, when the data came from a file.
        public var lines: [Int]

        /// A cohort named `name` with the given counts and, optionally, their input lines.
        ///
        /// - Complexity: O(1).
        public init(name: String, active: [Int], lines: [Int] = []) {
            self.name = name
            self.active = active
            self.lines = lines
        }

        /// The last observed period T.
        public var lastPeriod: Int { active.count - 1 }
    }

    /// The cohorts, in order of first appearance.
    public var cohorts: [Cohort]

    /// A table from cohorts already checked by the caller.
    ///
    /// - Throws: `FitError` when a cohort is empty, has a negative count, or grows.
    /// - Complexity: O(total periods).
    public init(cohorts: [Cohort]) throws {
        for cohort in cohorts {
            guard let first = cohort.active.first else { throw FitError("cohort \(cohort.name) has no counts") }
            if first < 0 { throw FitError("cohort \(cohort.name) has a negative count") }
            for t in cohort.active.indices.dropFirst() where cohort.active[t] > cohort.active[t - 1] || cohort.active[t] < 0 {
                throw FitError("cohort \(cohort.name): active customers grow or are negative at period \(t)")
            }
        }
        self.cohorts = cohorts
        try checkInformative()
    }

    /// One cohort from a comma-separated list of survivor counts, `"1000,631,468,…"`, starting
    /// with the cohort's size at period 0.
    ///
    /// - Throws: `FitError` naming the 1-based position of a value that is not a whole number
    ///   ≥ 0 or that exceeds the one before it.
    /// - Complexity: O(n).
    public init(survivorList text: String) throws {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
        guard !(items.count == 1 && items[0].isEmpty) else {
            throw FitError("no survivor counts given; list the active customers after 0, 1, 2, … periods")
        }
        var active: [Int] = []
        for (k, item) in items.enumerated() {
            let count = try Self.count(item, at: { FitError(position: k + 1, $0) })
            if let previous = active.last, count > previous {
                throw FitError(position: k + 1, "survivors increase from \(previous) to \(count); a cohort can only shrink")
            }
            active.append(count)
        }
        self.cohorts = [Cohort(name: "1", active: active, lines: Array(1...active.count))]
        try checkInformative()
    }

    /// Cohorts from a CSV table with columns `cohort, period, active` (or `period, active` for
    /// one cohort). A header row is optional; when present its names choose the columns
    /// (`cohort`; `period`; `active`, `customers`, `survivors` or `remaining`).
    ///
    /// Rows of a cohort may come in any order; each cohort needs period 0 and every period up
    /// to its last.
    ///
    /// - Throws: `FitError` naming the line of the first row that is malformed, duplicated,
    ///   missing from a cohort, or that shows a cohort growing.
    /// - Complexity: O(n log n) for n rows.
    public init(csv table: CSVTable) throws {
        var records = table.records[...]
        guard let first = records.first else {
            throw FitError(line: 1, "the file is empty; expected columns cohort, period, active")
        }
        var columns: (cohort: Int?, period: Int, active: Int)
        let looksNumeric = first.fields.count >= 2 && Int(first.fields[first.fields.count == 2 ? 0 : 1]) != nil
        if looksNumeric {
            switch first.fields.count {
            case 2: columns = (nil, 0, 1)
            case 3: columns = (0, 1, 2)
            default:
                throw FitError(line: first.line, "expected 3 columns (cohort, period, active), found \(first.fields.count)")
            }
        } else {
            let names = first.fields.map { $0.lowercased() }
            func column(_ candidates: [String]) -> Int? { names.firstIndex { candidates.contains($0) } }
            guard let period = column(["period", "periods", "t", "age"]),
                  let active = column(["active", "customers", "survivors", "remaining", "alive", "count"]) else {
                throw FitError(line: first.line, "the header must name a period column and an active-customers column (cohort, period, active)")
            }
            columns = (column(["cohort", "cohort_id", "cohortid", "acquired"]), period, active)
            records = records.dropFirst()
        }
        let width = first.fields.count
        var order: [String] = []
        var rows: [String: [(period: Int, active: Int, line: Int)]] = [:]
        for record in records {
            guard record.fields.count == width else {
                throw FitError(line: record.line, "expected \(width) fields, found \(record.fields.count)")
            }
            let name = columns.cohort.map { record.fields[$0] } ?? "1"
            if name.isEmpty { throw FitError(line: record.line, "the cohort label is empty") }
            let periodText = record.fields[columns.period]
            guard let period = Int(periodText), period >= 0 else {
                throw FitError(line: record.line, "period \"\(periodText)\" is not a whole number ≥ 0")
            }
            let count = try Self.count(record.fields[columns.active], at: { FitError(line: record.line, $0) })
            if rows[name] == nil { order.append(name) }
            if let clash = rows[name]?.first(where: { $0.period == period }) {
                throw FitError(line: record.line, "cohort \(name) period \(period) appears twice (also on line \(clash.line))")
            }
            rows[name, default: []].append((period, count, record.line))
        }
        guard !order.isEmpty else {
            throw FitError(line: first.line, "the file holds a header but no rows")
        }
        var cohorts: [Cohort] = []
        for name in order {
            let sorted = (rows[name] ?? []).sorted { $0.period < $1.period }
            for (expected, row) in sorted.enumerated() where row.period != expected {
                let what = expected == 0
                    ? "cohort \(name) starts at period \(row.period); each cohort needs period 0 (its customers at acquisition)"
                    : "cohort \(name) jumps from period \(expected - 1) to period \(row.period); every period must be listed"
                throw FitError(line: row.line, what)
            }
            for k in sorted.indices.dropFirst() where sorted[k].active > sorted[k - 1].active {
                throw FitError(line: sorted[k].line,
                               "cohort \(name): active customers increase from \(sorted[k - 1].active) to \(sorted[k].active) at period \(k); a cohort can only shrink")
            }
            cohorts.append(Cohort(name: name, active: sorted.map(\.active), lines: sorted.map(\.line)))
        }
        self.cohorts = cohorts
        try checkInformative()
    }

    /// The largest count of customers accepted: far beyond any customer base, small enough
    /// that sums over cohorts and periods cannot overflow.
    public static let maximumCount = 1_000_000_000_000

    /// Parses a count of customers: a whole number ≥ 0.
    private static func count(_ text: String, at error: (String) -> FitError) throws -> Int {
        if let n = Int(text) {
            guard n >= 0 else { throw error("active customers \(n) is negative") }
            guard n <= maximumCount else { throw error("\(n) customers is more than clvsim accepts (\(maximumCount))") }
            return n
        }
        // Accept whole numbers written as decimals ("1000.0"), nothing else.
        if let x = Double(text), x.isFinite, x >= 0, x == x.rounded(), x <= Double(maximumCount) { return Int(x) }
        if text.isEmpty { throw error("the count of active customers is empty") }
        throw error("\"\(text)\" is not a whole number of customers")
    }

    /// Rejects tables with no renewal to learn from.
    private func checkInformative() throws {
        let atRisk = cohorts.reduce(0) { sum, c in sum + c.active.dropLast().reduce(0, +) }
        guard atRisk > 0 else {
            throw FitError("no customer faces a renewal: every cohort needs a count at period 0 > 0 and at least period 1")
        }
    }

    /// The table with the last `periods` periods of every cohort removed (cohorts shorter than
    /// that keep only period 0), for a hold-out check.
    ///
    /// - Complexity: O(total periods).
    public func droppingLast(_ periods: Int) -> [Cohort] {
        cohorts.map { c in
            let keep = max(1, c.active.count - max(0, periods))
            return Cohort(name: c.name, active: Array(c.active.prefix(keep)), lines: Array(c.lines.prefix(keep)))
        }
    }

    /// Sufficient statistics of every cohort pooled: customers who churned at renewal t and
    /// customers last seen active after t periods.
    ///
    /// - Complexity: O(total periods).
    public static func pooledCounts(of cohorts: [Cohort]) -> SurvivalCounts {
        let horizon = cohorts.map(\.lastPeriod).max() ?? 0
        var churned = [Double](repeating: 0, count: horizon + 1)
        var censored = [Double](repeating: 0, count: horizon + 1)
        for c in cohorts {
            for t in c.active.indices.dropFirst() { churned[t] += Double(c.active[t - 1] - c.active[t]) }
            if let last = c.active.last { censored[c.lastPeriod] += Double(last) }
        }
        return SurvivalCounts(churned: churned, censored: censored)
    }
}

/// Pooled survival counts: `churned[t]` customers churned at renewal t (t ≥ 1), `censored[t]`
/// were still active when last observed after t periods.
public struct SurvivalCounts: Sendable, Equatable {
    /// Churned at renewal t; index 0 is unused (0).
    public var churned: [Double]
    /// Still active at their cohort's last period t.
    public var censored: [Double]

    /// Counts from their arrays, of equal length.
    ///
    /// - Complexity: O(1).
    public init(churned: [Double], censored: [Double]) {
        self.churned = churned
        self.censored = censored
    }

    /// Renewals that succeeded, Σₜ Σ_cohorts active[t] for t ≥ 1.
    public var renewals: Double {
        var total = 0.0
        var alive = 0.0
        // Customers alive after t periods = those censored at ≥ t plus those churning after t.
        for t in stride(from: churned.count - 1, through: 1, by: -1) {
            alive += censored[t] + (t + 1 < churned.count ? churned[t + 1] : 0)
            total += alive
        }
        return total
    }

    /// Renewals attempted (customer-periods at risk), Σₜ Σ_cohorts active[t − 1] for t ≥ 1.
    public var renewalsAttempted: Double { renewals + churned.reduce(0, +) }
}
