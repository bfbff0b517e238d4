/// Reading referral data record by record (docs/fitting.md, "Referrals"), so that a file of
/// any size is fitted in one pass without holding its table.
extension ReferralFit {
    /// Sums over customers, all that the posteriors need.
    struct Totals {
        var customers = 0
        var conversions = 0
        var invitations = 0
        var sumOfSquares = 0.0
        var allHaveInvitations = true

        /// Adds one customer's record.
        ///
        /// - Throws: `FitError` at the record's line for negative counts, counts above
        ///   `SurvivalTable.maximumCount`, or more conversions than invitations.
        /// - Complexity: O(1).
        mutating func add(_ r: Record) throws {
            guard r.conversions >= 0 else { throw FitError(line: r.line, "conversions \(r.conversions) is negative") }
            guard r.conversions <= SurvivalTable.maximumCount, (r.invitations ?? 0) <= SurvivalTable.maximumCount else {
                throw FitError(line: r.line, "counts above \(SurvivalTable.maximumCount) are not accepted")
            }
            if let m = r.invitations {
                guard m >= 0 else { throw FitError(line: r.line, "invitations \(m) is negative") }
                guard r.conversions <= m else {
                    throw FitError(line: r.line, "\(r.conversions) conversions from \(m) invitations; conversions cannot exceed invitations")
                }
                invitations += m
            } else {
                allHaveInvitations = false
            }
            customers += 1
            conversions += r.conversions
            sumOfSquares += Double(r.conversions) * Double(r.conversions)
        }
    }

    /// Turns CSV records into `Record`s: the first record chooses the columns (a header, or
    /// `customer, invitations, conversions` / `customer, conversions` without one), each later
    /// one is checked against them.
    struct RowReader {
        private var columns: (customer: Int, invitations: Int?, conversions: Int)?
        private var width = 0
        private var firstLine = 1
        private var sawHeader = false
        private var rows = 0
        private var seen: [String: Int] = [:]

        /// Makes room for `customers` ids in the duplicate check.
        ///
        /// - Complexity: O(customers).
        mutating func reserveCapacity(_ customers: Int) { seen.reserveCapacity(customers) }

        /// The record as a customer's row, or nil for the header.
        ///
        /// - Throws: `FitError` at the record's line, as `ReferralFit.records(csv:)` describes.
        /// - Complexity: O(fields) expected.
        mutating func read(_ record: CSVTable.Record) throws -> Record? {
            guard let columns else {
                try chooseColumns(record)
                return sawHeader ? nil : try read(record)
            }
            guard record.fields.count == width else {
                throw FitError(line: record.line, "expected \(width) fields, found \(record.fields.count)")
            }
            let customer = record.fields[columns.customer]
            guard !customer.isEmpty else { throw FitError(line: record.line, "the customer id is empty") }
            if let other = seen.updateValue(record.line, forKey: customer) {
                throw FitError(line: record.line, "customer \(customer) appears twice (also on line \(other)); give one row per customer")
            }
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
            rows += 1
            return Record(customer: customer, invitations: invitations, conversions: conversions, line: record.line)
        }

        /// Checks that the data held customers.
        ///
        /// - Throws: `FitError` for an empty file or a header without rows.
        func finish() throws {
            guard columns != nil else {
                throw FitError(line: 1, "the file is empty; expected columns customer, invitations, conversions")
            }
            guard rows > 0 else { throw FitError(line: firstLine, "the file holds a header but no customers") }
        }

        private mutating func chooseColumns(_ first: CSVTable.Record) throws {
            firstLine = first.line
            width = first.fields.count
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
                sawHeader = true
            }
        }
    }
}
