/// A log of purchases: who bought, on which day, for how much.
///
/// Purchases by one customer on the same day are merged into one transaction (their amounts
/// added), the usual convention of purchase-frequency models, which count days with a purchase.
public struct TransactionLog: Sendable, Equatable {
    /// One purchase.
    public struct Transaction: Sendable, Equatable {
        public var customer: String
        public var date: CalendarDate
        public var amount: Double
        /// The input line, or 0 when not read from a file.
        public var line: Int

        /// A purchase; `line` is its input line (0 when not read from a file).
        ///
        /// - Complexity: O(1).
        public init(customer: String, date: CalendarDate, amount: Double, line: Int = 0) {
            self.customer = customer
            self.date = date
            self.amount = amount
            self.line = line
        }
    }

    /// The purchases in input order.
    public var transactions: [Transaction]

    /// A log of transactions already checked by the caller (amounts > 0 and finite).
    ///
    /// - Throws: `FitError` when the log is empty or an amount is not positive and finite.
    /// - Complexity: O(n).
    public init(transactions: [Transaction]) throws {
        guard !transactions.isEmpty else { throw FitError("no transactions") }
        for t in transactions where !(t.amount > 0 && t.amount.isFinite) {
            throw FitError(line: t.line, "amount \(t.amount) is not a positive number")
        }
        self.transactions = transactions
    }

    /// Reads a CSV table with columns `customer, date, amount` (in that order when there is no
    /// header; by name when the first row is a header: `customer`/`customer_id`/`id`,
    /// `date`/`day`, `amount`/`value`/`revenue`). Dates are ISO 8601 `YYYY-MM-DD`.
    ///
    /// - Throws: `FitError` naming the line of the first row with a missing customer, an
    ///   unparseable or impossible date, or an amount that is not a positive number.
    /// - Complexity: O(n) for n rows.
    public init(csv table: CSVTable) throws {
        var reader = RowReader()
        var transactions: [Transaction] = []
        transactions.reserveCapacity(table.records.count)
        for record in table.records {
            if let t = try reader.read(record) { transactions.append(t) }
        }
        try reader.finish()
        self.transactions = transactions
    }

    /// Reads a CSV file's bytes (the layout of `init(csv:)`) record by record, without holding
    /// the table: memory for the transactions only.
    ///
    /// - Throws: `FitError` as `init(csv:)`.
    /// - Complexity: O(n) in the bytes.
    public init(csvBytes bytes: [UInt8]) throws {
        var reader = RowReader()
        var transactions: [Transaction] = []
        try bytes.withUnsafeBufferPointer { buffer in
            try CSVTable.forEachRecord(in: buffer) { record in
                if let t = try reader.read(record) { transactions.append(t) }
            }
        }
        try reader.finish()
        self.transactions = transactions
    }

    /// Each customer's purchase days with the day's total amount, in date order; customers in
    /// order of first appearance.
    ///
    /// - Complexity: O(n log n).
    public func purchaseDays() -> [(customer: String, days: [(date: CalendarDate, amount: Double)])] {
        // Number the customers in order of first appearance, then gather each one's purchases
        // with a counting sort: two passes over the log and flat arrays, not a dictionary per
        // customer.
        var number: [String: Int] = [:]
        var order: [String] = []
        var ids = [Int](repeating: 0, count: transactions.count)
        for (i, t) in transactions.enumerated() {
            if let id = number[t.customer] {
                ids[i] = id
            } else {
                number[t.customer] = order.count
                ids[i] = order.count
                order.append(t.customer)
            }
        }
        var start = [Int](repeating: 0, count: order.count + 1)
        for id in ids { start[id + 1] += 1 }
        for c in 0..<order.count { start[c + 1] += start[c] }
        var next = start
        var byCustomer = [Int](repeating: 0, count: transactions.count)
        for (i, id) in ids.enumerated() {
            byCustomer[next[id]] = i
            next[id] += 1
        }
        return order.indices.map { c in
            var purchases = byCustomer[start[c]..<start[c + 1]].map { (date: transactions[$0].date, amount: transactions[$0].amount) }
            purchases.sort { $0.date < $1.date }
            var days: [(date: CalendarDate, amount: Double)] = []
            days.reserveCapacity(purchases.count)
            for p in purchases {
                if let last = days.last, last.date == p.date { days[days.count - 1].amount += p.amount } else { days.append(p) }
            }
            return (order[c], days)
        }
    }
}
