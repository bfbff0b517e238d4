import ArgumentParser
import CLVCore
import CLVFit
import Foundation

/// `clvsim fit recency`: purchase probabilities by recency (non-contractual retention) from a
/// transaction log.
struct FitRecencyCommand: FitSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "recency",
        abstract: "Fit purchase probabilities by recency (non-contractual retention) to a transaction log.",
        discussion: """
            Input is the transaction log of fit spend (customer, date, amount). Purchases are \
            bucketed into periods (--period); a customer's first purchase period is their \
            acquisition, and in every later complete period up to --as-of their recency j (periods \
            since their last purchase) and whether they purchased are counted, until they reach \
            recency k + 1 (lost). Each purchase probability p_j gets the Beta(1 + purchases, \
            1 + exposures - purchases) posterior of a uniform prior, and the scenario fragment sets \
            the segment's retention to the recency model with these posteriors.
            """
    )

    @OptionGroup var log: TransactionLogOptions

    @Option(name: .long, help: "Number of recency states k: a customer k + 1 periods without a purchase is lost.")
    var states: Int = FitRecencyCommand.defaultStates

    @Option(name: .long, help: "Period length: day, week, month, quarter or year (one scenario period).")
    var period: String = PurchasePeriod.month.rawValue

    @OptionGroup var output: FitOutputOptions

    /// The default number of recency states: half a year of monthly periods.
    static let defaultStates = 6

    func validate() throws {
        if states < 1 {
            throw ValidationError("--states must be at least 1")
        }
        if states > Self.maximumStates {
            throw ValidationError("--states must be at most \(Self.maximumStates)")
        }
        if PurchasePeriod(rawValue: period) == nil {
            throw ValidationError("--period must be day, week, month, quarter or year, not \"\(period)\"")
        }
    }

    /// The most recency states accepted: as many as a retention curve may have rates.
    static let maximumStates = ScenarioLimits.curveRates.upperBound

    func report() throws -> String {
        let csv = log.csv
        let transactions = try log.read()
        let length = PurchasePeriod(rawValue: period) ?? .month
        let fit: RecencyFit
        do {
            fit = try RecencyFit(transactions, states: states, period: length, asOf: log.analysisDate)
        } catch let error as FitError {
            throw FitFailure(error, source: csv)
        }
        let fragment = ScenarioFragment.recency(fit, segment: output.segmentName)
        var updated: String?
        if let into = output.into {
            updated = try FitFiles.update(scenario: into, with: fragment, inputs: [csv])
        }
        let window = "\(length.rawValue)s up to \(length.label(ofPeriod: fit.lastPeriod))"
        let dropped = fit.droppedIncompletePeriod
            ? "the \(length.rawValue) \(length.label(ofPeriod: fit.lastPeriod + 1)) is incomplete at \(fit.asOf) and was left out; --as-of sets the end of the observation window"
            : nil
        if output.json {
            var root: [String: JSONTree] = [
                "customers": .number(Double(fit.customers)),
                "customersAfterWindow": .number(Double(fit.customersAfterWindow)),
                "lostCustomers": .number(Double(fit.lostCustomers)),
                "returnedAfterLoss": .number(Double(fit.returnedAfterLoss)),
                "period": .string(length.rawValue),
                "asOf": .string(fit.asOf.description),
                "lastPeriod": .string(length.label(ofPeriod: fit.lastPeriod)),
                "prior": .string("uniform: Beta(1, 1) for every purchase probability"),
                "states": .array(fit.states.map { s in
                    var o = FitFormat.json(s.posterior)
                    o["recency"] = .number(Double(s.recency))
                    o["exposures"] = .number(Double(s.exposures))
                    o["purchases"] = .number(Double(s.purchases))
                    o["interval90"] = .array([.number(s.posterior.quantile(0.05)), .number(s.posterior.quantile(0.95))])
                    return .object(o)
                }),
                "fragment": fragment.json,
            ]
            var notes = fragment.notes.map(JSONTree.string)
            if let dropped { notes.insert(.string(dropped), at: 0) }
            if !notes.isEmpty { root["notes"] = .array(notes) }
            if let updated { root["updated"] = .string(updated) }
            return JSONTree.object(root).text() + "\n"
        }
        var out = "Recency fit: \(fit.customers) customers, \(window), \(fit.stateCount) recency states\n"
        out += "lost (reached recency \(fit.stateCount + 1)): \(fit.lostCustomers) customers\n\n"
        out += FitFormat.table(
            ["recency", "exposures", "purchases", "posterior", "mean", "90% interval"],
            fit.states.map { s in
                let p = s.posterior
                return [String(s.recency), String(s.exposures), String(s.purchases), FitFormat.beta(p), FitFormat.number(p.mean),
                        "\(FitFormat.number(p.quantile(0.05))) … \(FitFormat.number(p.quantile(0.95)))"]
            })
        out += "Prior: uniform, Beta(1, 1) for every purchase probability.\n"
        if fit.customersAfterWindow > 0 {
            out += "\(fit.customersAfterWindow) customers first purchased after the window and were not followed.\n"
        }
        out += "\nScenario fragment:\n" + fragment.json.text() + "\n"
        if let dropped { out += "note: \(dropped)\n" }
        for note in fragment.notes { out += "note: \(note)\n" }
        if let updated { out += updated + "\n" }
        return out
    }
}
