import ArgumentParser
import CLVFit
import Foundation

/// `clvsim fit retention`: sBG and constant-retention fits to cohort survival data.
struct FitRetentionCommand: FitSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Fit the sBG and constant retention models to cohort survival counts.",
        discussion: """
            Input is either one cohort's active customers after 0, 1, 2, ... periods \
            (--survivors 1000,631,468,...) or a CSV file with columns cohort, period, active \
            (several cohorts of different lengths allowed; period 0 is each cohort's size). \
            Both models are fitted by maximum likelihood; standard errors come from the \
            observed information, and AIC tells which model the data prefer.
            """
    )

    @Option(name: .long, help: "Active customers after 0, 1, 2, ... periods, comma-separated.")
    var survivors: String?

    @Option(name: .long, help: "CSV file with columns cohort, period, active.", completion: .file(extensions: ["csv"]))
    var csv: String?

    @Option(name: .long, help: "Fit on all but the last K periods of each cohort and compare predictions with them.")
    var holdout: Int?

    @Option(name: .long, help: "Model to write into the scenario: sbg, constant or best (lower AIC).")
    var model: String = "best"

    @OptionGroup var output: FitOutputOptions

    func validate() throws {
        if (survivors == nil) == (csv == nil) {
            throw ValidationError("give exactly one of --survivors LIST or --csv FILE")
        }
        if let holdout, holdout < 1 {
            throw ValidationError("--holdout must be at least 1")
        }
        if model != "best", RetentionModelName(rawValue: model) == nil {
            throw ValidationError("--model must be sbg, constant or best, not \"\(model)\"")
        }
    }

    func report() throws -> String {
        let source = csv ?? "--survivors"
        let table: SurvivalTable
        do {
            if let csv {
                table = try SurvivalTable(csv: try FitFiles.csv(csv))
            } else {
                table = try SurvivalTable(survivorList: survivors ?? "")
            }
        } catch let error as FitError {
            throw FitFailure(error, source: source)
        }
        let fit: RetentionFit
        do {
            fit = try RetentionFit(table)
        } catch let error as FitError {
            throw FitFailure(error, source: source)
        }
        var check: RetentionHoldout?
        if let holdout {
            do {
                check = try RetentionHoldout(table: table, periods: holdout)
            } catch let error as FitError {
                throw FitFailure(error, source: source)
            }
        }
        let chosen = RetentionModelName(rawValue: model) ?? fit.preferredModel
        let fragment: ScenarioFragment
        do {
            fragment = try ScenarioFragment.retention(fit, model: chosen, segment: output.segmentName)
        } catch let error as FitError {
            throw FitFailure(error, source: source)
        }
        var updated: String?
        if let into = output.into {
            updated = try FitFiles.update(scenario: into, with: fragment, inputs: csv.map { [$0] } ?? [])
        }
        if output.json {
            return jsonReport(fit, check, chosen, fragment, updated)
        }
        return textReport(fit, table, check, chosen, fragment, updated)
    }

    private func jsonReport(_ fit: RetentionFit, _ check: RetentionHoldout?, _ chosen: RetentionModelName,
                            _ fragment: ScenarioFragment, _ updated: String?) -> String {
        var models: [String: JSONTree] = ["constant": FitFormat.json(fit.constant)]
        if let sbg = fit.sbg {
            var object = FitFormat.json(sbg)
            if case .object(var o) = object {
                o["correlation"] = .number(sbg.correlation(0, 1))
                object = .object(o)
            }
            models["sbg"] = object
        }
        var root: [String: JSONTree] = [
            "customers": .number(Double(fit.customers)),
            "models": .object(models),
            "preferredModel": .string(fit.preferredModel.rawValue),
            "writtenModel": .string(chosen.rawValue),
            "fragment": fragment.json,
        ]
        if let problem = fit.sbgProblem { root["sbgProblem"] = .string(problem) }
        if let check {
            var training: [String: JSONTree] = ["constant": FitFormat.json(check.fit.constant)]
            if let sbg = check.fit.sbg { training["sbg"] = FitFormat.json(sbg) }
            root["holdoutFit"] = .object(training)
            root["holdout"] = .array(check.rows.map { row in
                var o: [String: JSONTree] = ["period": .number(Double(row.period)), "actual": .number(Double(row.actual)),
                                              "constant": .number(row.constant)]
                if let s = row.sbg { o["sbg"] = .number(s) }
                return .object(o)
            })
        }
        if let updated { root["updated"] = .string(updated) }
        return JSONTree.object(root).text() + "\n"
    }

    private func textReport(_ fit: RetentionFit, _ table: SurvivalTable, _ check: RetentionHoldout?,
                            _ chosen: RetentionModelName, _ fragment: ScenarioFragment, _ updated: String?) -> String {
        var out = "Retention fit: \(table.cohorts.count) cohort(s), \(fit.customers) customers\n\n"
        var rows: [[String]] = []
        if let sbg = fit.sbg {
            for r in FitFormat.rows(sbg) { rows.append(["sBG"] + r + [FitFormat.fixed(sbg.logLikelihood), FitFormat.fixed(sbg.aic)]) }
        }
        for r in FitFormat.rows(fit.constant) {
            rows.append(["constant"] + r + [FitFormat.fixed(fit.constant.logLikelihood), FitFormat.fixed(fit.constant.aic)])
        }
        out += FitFormat.table(["model", "parameter", "estimate", "std. error", "log-likelihood", "AIC"], rows)
        if let sbg = fit.sbg {
            out += "\nsBG: correlation of alpha and beta estimates \(FitFormat.number(sbg.correlation(0, 1))); "
            out += "mean churn alpha/(alpha+beta) = \(FitFormat.number(sbg.values[0] / (sbg.values[0] + sbg.values[1])))\n"
        } else if let problem = fit.sbgProblem {
            out += "\nsBG could not be fitted: \(problem)\n"
        }
        out += "Lower AIC: \(fit.preferredModel.rawValue)\n"
        if let check {
            out += "\nHold-out (fit on all but the last \(holdout ?? 0) periods of each cohort):\n"
            if let sbg = check.fit.sbg {
                out += "training fit: sBG alpha \(FitFormat.number(sbg.values[0])), beta \(FitFormat.number(sbg.values[1])); "
            } else {
                out += "training fit: "
            }
            out += "constant rate \(FitFormat.number(check.fit.constant.values[0]))\n"
            let holdoutRows = check.rows.map { row -> [String] in
                [String(row.period), String(row.actual), row.sbg.map(FitFormat.fixed) ?? "n/a", FitFormat.fixed(row.constant)]
            }
            out += FitFormat.table(["period", "actual", "sBG", "constant"], holdoutRows)
        }
        out += "\nScenario fragment (\(chosen.rawValue)):\n" + fragment.json.text() + "\n"
        for note in fragment.notes { out += "note: \(note)\n" }
        if let updated { out += updated + "\n" }
        return out
    }
}
