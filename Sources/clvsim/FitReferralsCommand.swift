import ArgumentParser
import CLVFit
import Foundation

/// `clvsim fit referrals`: the viral coefficient's posterior from invitations and conversions.
struct FitReferralsCommand: FitSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "referrals",
        abstract: "Estimate the viral coefficient K from invitations and conversions per customer.",
        discussion: """
            Input is a CSV file with columns customer, invitations, conversions (or customer, \
            conversions). K, the conversions per customer, gets a Gamma posterior under the \
            Jeffreys prior; the conversion rate per invitation gets a Beta posterior.
            """
    )

    @Option(name: .long, help: "CSV file with columns customer, invitations, conversions.", completion: .file(extensions: ["csv"]))
    var csv: String

    @Option(name: .customLong("cycle-periods"), help: "Periods between a referrer's acquisition and their referrals' (default: keep the scenario's, or 1).")
    var cyclePeriods: Int?

    @OptionGroup var output: FitOutputOptions

    func validate() throws {
        if let cyclePeriods, cyclePeriods < 1 {
            throw ValidationError("--cycle-periods must be at least 1")
        }
    }

    func report() throws -> String {
        let fit: ReferralFit
        do {
            fit = try ReferralFit(csvBytes: try FitFiles.read(csv))
        } catch let error as FitError {
            throw FitFailure(error, source: csv)
        }
        var fragment = ScenarioFragment.referrals(fit, segment: output.segmentName, cyclePeriods: cyclePeriods)
        var updated: String?
        if let into = output.into {
            // Print what the file will hold: the segment's own cyclePeriods when it has one.
            do {
                fragment = try ScenarioUpdate.resolvingDefaults(fragment, inScenario: try FitFiles.read(into))
            } catch let error as FitError {
                throw FitFailure(error, source: into)
            }
            updated = try FitFiles.update(scenario: into, with: fragment, inputs: [csv])
        }
        if output.json {
            var root: [String: JSONTree] = [
                "customers": .number(Double(fit.customers)),
                "conversions": .number(Double(fit.conversions)),
                "prior": .string("Jeffreys: Gamma(1/2, 0) for K, Beta(1/2, 1/2) for the conversion rate"),
                "coefficient": .object(["posterior": .string("gamma"), "shape": .number(fit.coefficientShape),
                                        "rate": .number(fit.coefficientRate), "mean": .number(fit.coefficientMean),
                                        "sd": .number(fit.coefficientSD)]),
                "fragment": fragment.json,
            ]
            if let m = fit.invitations { root["invitations"] = .number(Double(m)) }
            if let a = fit.conversionAlpha, let b = fit.conversionBeta, let mean = fit.conversionMean, let sd = fit.conversionSD {
                root["conversionRate"] = .object(["posterior": .string("beta"), "alpha": .number(a), "beta": .number(b),
                                                  "mean": .number(mean), "sd": .number(sd)])
            }
            if let d = fit.dispersionIndex { root["dispersionIndex"] = .number(d) }
            if let updated { root["updated"] = .string(updated) }
            return JSONTree.object(root).text() + "\n"
        }
        var out = "Referral fit: \(fit.customers) customers, \(fit.conversions) conversions"
        if let m = fit.invitations { out += " from \(m) invitations" }
        out += "\n\n"
        var rows = [["K (conversions per customer)", "Gamma(\(FitFormat.number(fit.coefficientShape)), rate \(FitFormat.number(fit.coefficientRate)))",
                     FitFormat.number(fit.coefficientMean), FitFormat.number(fit.coefficientSD)]]
        if let a = fit.conversionAlpha, let b = fit.conversionBeta, let mean = fit.conversionMean, let sd = fit.conversionSD {
            rows.append(["conversion rate per invitation", "Beta(\(FitFormat.number(a)), \(FitFormat.number(b)))",
                         FitFormat.number(mean), FitFormat.number(sd)])
        }
        out += FitFormat.table(["quantity", "posterior", "mean", "sd"], rows)
        out += "Prior: Jeffreys (Gamma(1/2, 0) for K, Beta(1/2, 1/2) for the conversion rate).\n"
        if let d = fit.dispersionIndex { out += "Dispersion index of conversions (1 for Poisson): \(FitFormat.number(d))\n" }
        out += "\nScenario fragment:\n" + fragment.json.text() + "\n"
        for note in fragment.notes { out += "note: \(note)\n" }
        if let updated { out += updated + "\n" }
        return out
    }
}
