import Foundation

/// A hold-out check of the retention fits: fit on all but the last k periods of every cohort,
/// then compare predicted with actual survivors in those k periods.
///
/// A cohort of size n₀ is predicted to have n₀·S(t) customers active after t periods, with
/// S(t) = B(α, β + t)/B(α, β) for sBG and rᵗ for constant retention. Rows pool the cohorts by
/// period t (each cohort contributes to the periods it held out).
public struct RetentionHoldout: Sendable, Equatable {
    /// Actual and predicted active customers after `period` periods, over the cohorts that held
    /// that period out.
    public struct Row: Sendable, Equatable {
        public var period: Int
        public var actual: Int
        /// sBG prediction (nil when sBG could not be fitted on the training data).
        public var sbg: Double?
        public var constant: Double
    }

    /// The fit on the training periods.
    public var fit: RetentionFit
    /// The held-out periods, in order.
    public var rows: [Row]

    /// Fits on the table without each cohort's last `periods` periods and predicts them.
    ///
    /// - Throws: `FitError` when the training data cannot be fitted (too few periods left).
    /// - Complexity: O(fit + total periods).
    public init(table: SurvivalTable, periods: Int) throws {
        let training = table.droppingLast(periods)
        do {
            fit = try RetentionFit(cohorts: training)
        } catch let error as FitError {
            throw FitError("holding out the last \(periods) periods leaves data that cannot be fitted: \(error.message)")
        }
        var byPeriod: [Int: (actual: Int, sbg: Double, constant: Double)] = [:]
        for (cohort, kept) in zip(table.cohorts, training) {
            guard let size = cohort.active.first, cohort.active.count > kept.active.count else { continue }
            let n0 = Double(size)
            let survival = fit.sbg.map { RetentionFit.sbgSurvival(alpha: $0.values[0], beta: $0.values[1], periods: cohort.lastPeriod) }
            let rate = fit.constant.values[0]
            for t in kept.active.count..<cohort.active.count {
                var row = byPeriod[t] ?? (0, 0, 0)
                row.actual += cohort.active[t]
                row.sbg += n0 * (survival?[t] ?? 0)
                row.constant += n0 * pow(rate, Double(t))
                byPeriod[t] = row
            }
        }
        let hasSBG = fit.sbg != nil
        rows = byPeriod.keys.sorted().compactMap { t in
            byPeriod[t].map { Row(period: t, actual: $0.actual, sbg: hasSBG ? $0.sbg : nil, constant: $0.constant) }
        }
    }
}
