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
        guard let first = table.records.first else {
            throw FitError(line: 1, "the file is empty; expected columns customer, date, amount")
        }
        var rows = table.records[...]
        var columns = (customer: 0, date: 1, amount: 2)
        let hasHeader = first.fields.count < 2 || CalendarDate(iso: first.fields[1]) == nil && Double(first.fields.last ?? "") == nil
        if hasHeader {
            let names = first.fields.map { $0.lowercased() }
            func column(_ candidates: [String]) -> Int? { names.firstIndex { candidates.contains($0) } }
            guard let c = column(["customer", "customer_id", "customerid", "id", "customer id"]),
                  let d = column(["date", "day", "purchase_date", "order_date"]),
                  let a = column(["amount", "value", "revenue", "monetary", "spend", "total"]) else {
                throw FitError(line: first.line, "the header must name customer, date and amount columns")
            }
            columns = (c, d, a)
            rows = rows.dropFirst()
        } else if first.fields.count != 3 {
            throw FitError(line: first.line, "expected 3 columns (customer, date, amount), found \(first.fields.count)")
        }
        let width = first.fields.count
        var transactions: [Transaction] = []
        transactions.reserveCapacity(rows.count)
        for record in rows {
            guard record.fields.count == width else {
                throw FitError(line: record.line, "expected \(width) fields, found \(record.fields.count)")
            }
            let customer = record.fields[columns.customer]
            guard !customer.isEmpty else { throw FitError(line: record.line, "the customer id is empty") }
            let dateText = record.fields[columns.date]
            guard let date = CalendarDate(iso: dateText) else {
                throw FitError(line: record.line, "date \"\(dateText)\" is not a valid YYYY-MM-DD date")
            }
            let amountText = record.fields[columns.amount]
            guard let amount = Double(amountText), amount.isFinite else {
                throw FitError(line: record.line, "amount \"\(amountText)\" is not a number")
            }
            guard amount >= 0 else {
                throw FitError(line: record.line, "amount \(amountText) is negative; remove refunds or net them into the purchase they refund")
            }
            guard amount > 0 else {
                throw FitError(line: record.line, "amount is 0; the spend model needs positive amounts (drop free orders)")
            }
            transactions.append(Transaction(customer: customer, date: date, amount: amount, line: record.line))
        }
        guard !transactions.isEmpty else {
            throw FitError(line: first.line, "the file holds a header but no transactions")
        }
        self.transactions = transactions
    }

    /// Each customer's purchase days with the day's total amount, in date order; customers in
    /// order of first appearance.
    ///
    /// - Complexity: O(n log n).
    public func purchaseDays() -> [(customer: String, days: [(date: CalendarDate, amount: Double)])] {
        var order: [String] = []
        var byCustomer: [String: [CalendarDate: Double]] = [:]
        for t in transactions {
            if byCustomer[t.customer] == nil { order.append(t.customer) }
            byCustomer[t.customer, default: [:]][t.date, default: 0] += t.amount
        }
        return order.map { c in
            let days = (byCustomer[c] ?? [:]).map { (date: $0.key, amount: $0.value) }.sorted { $0.date < $1.date }
            return (c, days)
        }
    }
}
