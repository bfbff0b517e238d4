/// Reading a transaction log record by record (docs/fitting.md, "Spend: Gamma-Gamma"), so that a file of any
/// size is read in one pass without holding its table.
extension TransactionLog {
    /// Turns CSV records into transactions: the first record chooses the columns (a header, or
    /// `customer, date, amount` without one), each later one is checked against them.
    struct RowReader {
        private var columns: (customer: Int, date: Int, amount: Int)?
        private var width = 0
        private var firstLine = 1
        private var sawHeader = false
        private var rows = 0

        /// The record as a transaction, or nil for the header.
        ///
        /// - Throws: `FitError` at the record's line, as `TransactionLog.init(csv:)` describes.
        /// - Complexity: O(fields).
        mutating func read(_ record: CSVTable.Record) throws -> Transaction? {
            guard let columns else {
                try chooseColumns(record)
                return sawHeader ? nil : try read(record)
            }
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
            rows += 1
            return Transaction(customer: customer, date: date, amount: amount, line: record.line)
        }

        /// Checks that the data held transactions.
        ///
        /// - Throws: `FitError` for an empty file or a header without rows.
        func finish() throws {
            guard columns != nil else {
                throw FitError(line: 1, "the file is empty; expected columns customer, date, amount")
            }
            guard rows > 0 else { throw FitError(line: firstLine, "the file holds a header but no transactions") }
        }

        private mutating func chooseColumns(_ first: CSVTable.Record) throws {
            firstLine = first.line
            width = first.fields.count
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
                sawHeader = true
            } else if first.fields.count != 3 {
                throw FitError(line: first.line, "expected 3 columns (customer, date, amount), found \(first.fields.count)")
            } else {
                columns = (0, 1, 2)
            }
        }
    }
}
