import CLVLinearAlgebra
import Dispatch
import Synchronization

/// How much each uncertain input drives one output metric across the trials of a run.
///
/// For every input, named by its scenario path:
/// - `spearman`: the Spearman rank correlation between the input and the output (average ranks
///   for ties);
/// - `standardizedRegressionCoefficient` (SRC): the coefficient of the input in the least-squares
///   fit of the standardised output on all standardised inputs, β = R_xx⁻¹·r_xy, with R_xx the
///   inputs' correlation matrix and r_xy their correlations with the output (solved with LAPACK
///   dgels; the Gram matrices are accumulated with BLAS dgemm in blocks of rows, so memory does not
///   grow with the trials). An SRC of 0.5 means one standard deviation of the input moves the
///   output by half a standard deviation, the other inputs held fixed;
/// - `varianceShare`: the share of the output's variance the input explains in that linear fit.
///   For independent inputs it is SRC², and the shares add up to R². With correlated inputs
///   (a scenario with `correlations`) SRC² no longer adds up — shares of 211% in all are
///   possible — so the share is Pratt's measure β·r (SRC times the input's correlation with the
///   output), which adds up to R² exactly whatever the correlation; a negative share marks an
///   input whose own effect is masked by the inputs it is correlated with (see
///   `explanation` and docs/analysis.md);
/// - a tornado: the output's mean over the trials where the input is in its bottom decile versus
///   its top decile.
///
/// Inputs are ranked by variance share, largest first.
public struct Sensitivity: Sendable {
    public struct Input: Sendable, Equatable {
        public let path: String
        public let spearman: Double
        public let standardizedRegressionCoefficient: Double?
        public let varianceShare: Double?
        /// Mean of the output over the trials with the input in its bottom 10%.
        public let bottomDecileMean: Double
        /// Mean of the output over the trials with the input in its top 10%.
        public let topDecileMean: Double
    }

    /// The output metric analysed.
    public let metric: String
    /// How the variance shares are measured.
    public enum ShareMeasure: String, Sendable {
        /// SRC², for independent inputs.
        case squaredCoefficient = "src-squared"
        /// Pratt's β·r, for correlated inputs.
        case pratt
    }

    public let shareMeasure: ShareMeasure
    /// R² of the linear fit; nil when the fit could not be made (collinear inputs).
    public let rSquared: Double?
    /// The output's mean over all trials used, the tornado's centre line.
    public let outputMean: Double
    public let inputs: [Input]

    /// Analyses `metric` against the uncertain inputs of `result`; nil when the metric does not
    /// exist or has fewer than 20 finite values, or the run has no uncertain inputs.
    ///
    /// The amounts of strategy changes (`strategies.<name>.changes.<i>.add`) are analysed only
    /// for the metrics of their own strategy: nothing else depends on them.
    ///
    /// Inputs are read from `result.inputs` one column at a time, and the regression's Gram
    /// matrices from blocks of rows, so memory stays O(n) whatever the number of inputs.
    ///
    /// - Complexity: O(n·p² + n·p·log n) for n trials and p inputs; O(p² + n) extra memory.
    public init?(_ result: SimulationResult, metric: TrialMetric) {
        guard let position = result.layout.position(of: metric) else { return nil }
        let table = Self.relevantInputs(result, metric: metric)
        guard !table.names.isEmpty else { return nil }
        let output = result.metrics.column(at: position)
        let rows = output.indices.filter { output[$0].isFinite }
        guard rows.count >= 20 else { return nil }
        self.metric = result.layout.names[position]
        let y = rows.map { output[$0] }
        let n = Double(rows.count)
        outputMean = y.reduce(0, +) / n
        let yRanks = Self.ranks(y)
        // Inputs are analysed in parallel, each from its own column; the result does not depend on it.
        let analysed = InputBox(count: table.names.count)
        DispatchQueue.concurrentPerform(iterations: table.names.count) { c in
            let column = table.column(at: c)
            let x = rows.map { column[$0] }
            let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
            let decile = max(1, rows.count / 10)
            let low = order.prefix(decile).reduce(0) { $0 + y[$1] } / Double(decile)
            let high = order.suffix(decile).reduce(0) { $0 + y[$1] } / Double(decile)
            analysed.set(c, InputAnalysis(spearman: Self.pearson(Self.ranks(x), yRanks), low: low, high: high,
                                          scale: Standardisation(x)))
        }
        let names = table.names
        let entries = names.indices.map { c in
            let a = analysed.get(c)
            return (path: names[c], spearman: a.spearman, low: a.low, high: a.high)
        }
        let scales = names.indices.map { analysed.get($0).scale }
        let fit = Self.regression(table, rows: rows, scales: scales, y)
        shareMeasure = result.scenario.correlations.isEmpty ? .squaredCoefficient : .pratt
        var inputs: [Input] = []
        for (c, entry) in entries.enumerated() {
            let src = fit?.coefficients[c]
            let share: Double?
            switch shareMeasure {
            case .squaredCoefficient: share = src.map { $0 * $0 }
            case .pratt: share = src.flatMap { b in fit?.correlations[c].map { b * $0 } }
            }
            inputs.append(Input(path: entry.path, spearman: entry.spearman, standardizedRegressionCoefficient: src,
                                varianceShare: share, bottomDecileMean: entry.low, topDecileMean: entry.high))
        }
        self.inputs = inputs.sorted {
            let a = $0.varianceShare ?? $0.spearman * $0.spearman, b = $1.varianceShare ?? $1.spearman * $1.spearman
            return a != b ? a > b : $0.path < $1.path
        }
        rSquared = fit?.rSquared
    }

    /// The input columns `metric` can depend on: every input but the amounts of other strategies'
    /// changes (all strategies' amounts for a metric of no strategy).
    static func relevantInputs(_ result: SimulationResult, metric: TrialMetric) -> any TrialTable {
        let strategyName: String?
        switch metric {
        case .incrementalValue(let j), .cost(let j), .netValue(let j), .romi(let j), .paybackPeriod(let j),
             .segmentIncrementalValue(let j, _), .netValueAtRate(let j, _), .romiAtRate(let j, _):
            strategyName = result.scenario.strategies[j].name
        default:
            strategyName = nil
        }
        let own = strategyName.map { "strategies.\($0).changes." }
        let names = result.inputs.names
        let kept = names.indices.filter { c in
            !names[c].hasPrefix("strategies.") || (own.map { names[c].hasPrefix($0) } ?? false)
        }
        return kept.count == names.count ? result.inputs : TrialTableColumns(table: result.inputs, positions: kept)
    }

    /// What the numbers mean, in a sentence for the report and the terminal table.
    public var explanation: String {
        switch shareMeasure {
        case .squaredCoefficient:
            return "Variance share = SRC², the share of the output's variance the input explains in a linear fit on all inputs (the shares add up to R²)."
        case .pratt:
            return "The scenario correlates some inputs, so variance share is Pratt's measure SRC × r (the input's coefficient times its correlation with the output): the shares add up to R² whatever the correlation, and a negative share marks an input whose own effect is masked by the inputs it moves with. SRC is the effect with the other inputs held fixed, which correlated inputs never are, so its sign can differ from Spearman's."
        }
    }

    /// Average ranks (1-based), ties sharing the mean of their positions.
    static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let rank = Double(start + end) / 2 + 1
            for k in start...end { ranks[order[k]] = rank }
            start = end + 1
        }
        return ranks
    }

    /// Pearson correlation; 0 when either side is constant.
    static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var cov = 0.0, va = 0.0, vb = 0.0
        for i in a.indices {
            cov += (a[i] - ma) * (b[i] - mb)
            va += (a[i] - ma) * (a[i] - ma)
            vb += (b[i] - mb) * (b[i] - mb)
        }
        return va > 0 && vb > 0 ? cov / (va * vb).squareRoot() : 0
    }

    /// A linear fit of the standardised output on the standardised inputs.
    struct Fit {
        /// β, the standardised regression coefficients (nil for a constant input).
        let coefficients: [Double?]
        /// r, each input's correlation with the output.
        let correlations: [Double?]
        let rSquared: Double
    }

    /// The mean and sample sd of a column, to standardise it: z = (x − mean) / sd; nil for a
    /// constant or non-finite column.
    struct Standardisation {
        let mean: Double
        let sd: Double

        init?(_ v: [Double]) {
            let n = Double(v.count)
            mean = v.reduce(0, +) / n
            let mean = mean
            sd = (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
            guard sd > 0, sd.isFinite else { return nil }
        }

        func callAsFunction(_ x: Double) -> Double { (x - mean) / sd }
    }

    /// Standardised regression coefficients and R² of `y` on `columns` (each of y's length).
    static func regression(_ columns: [[Double]], _ y: [Double]) -> Fit? {
        var values = [Double](repeating: 0, count: columns.count * y.count)
        for (c, column) in columns.enumerated() {
            for i in y.indices { values[i * columns.count + c] = column[i] }
        }
        guard let table = MetricTable(names: columns.indices.map { String($0) }, trials: y.count, values: values) else {
            return nil
        }
        return regression(table, rows: Array(y.indices), scales: columns.map(Standardisation.init), y)
    }

    /// Standardised regression coefficients and R² of `y` on the input columns of `table`, over
    /// `rows` (the trials where y is finite); nil when the inputs are collinear.
    static func regression(_ table: any TrialTable, rows: [Int], scales: [Standardisation?],
                           _ y: [Double]) -> Fit? {
        let n = y.count
        let p = scales.count
        guard let yScale = Standardisation(y) else {
            return Fit(coefficients: Array(repeating: 0, count: p), correlations: Array(repeating: 0, count: p), rSquared: 0)
        }
        let usable = scales.indices.compactMap { c in scales[c].map { (c, $0) } }
        guard !usable.isEmpty else {
            return Fit(coefficients: Array(repeating: nil, count: p), correlations: Array(repeating: nil, count: p), rSquared: 0)
        }
        let q = usable.count
        let width = table.names.count
        // Gram matrices over blocks of rows: G = XᵀX, g = Xᵀy, by dgemm.
        let blockRows = 4096
        var gram = Matrix(rows: q, columns: q)
        var cross = Matrix(rows: q, columns: 1)
        var start = 0
        while start < n {
            let count = min(blockRows, n - start)
            let first = rows[start], values = table.rows(first..<rows[start + count - 1] + 1)
            var block = Matrix(rows: count, columns: q + 1)
            for r in 0..<count {
                let base = (rows[start + r] - first) * width
                for (k, (c, scale)) in usable.enumerated() { block[r, k] = scale(values[base + c]) }
                block[r, q] = yScale(y[start + r])
            }
            guard let product = try? BLAS.product(block, transposeA: true, block) else { return nil }
            for j in 0..<q {
                for i in 0..<q { gram[i, j] += product[i, j] }
                cross[j, 0] += product[j, q]
            }
            start += count
        }
        guard let beta = try? BLAS.leastSquares(gram, cross) else { return nil }
        var coefficients = [Double?](repeating: nil, count: p)
        var correlations = [Double?](repeating: nil, count: p)
        var explained = 0.0
        for (k, (c, _)) in usable.enumerated() {
            coefficients[c] = beta[k, 0]
            correlations[c] = cross[k, 0] / Double(n - 1)
            explained += beta[k, 0] * cross[k, 0]
        }
        // R² = βᵀXᵀy / yᵀy for standardised data, yᵀy = n − 1.
        return Fit(coefficients: coefficients, correlations: correlations, rSquared: min(1, max(0, explained / Double(n - 1))))
    }
}

/// One input's rank correlation, tornado means and standardisation.
private struct InputAnalysis: Sendable {
    var spearman = 0.0
    var low = 0.0
    var high = 0.0
    var scale: Sensitivity.Standardisation?
}

/// Slots for inputs analysed in parallel; each slot is written by exactly one iteration.
private final class InputBox: Sendable {
    private let slots: Mutex<[InputAnalysis]>
    init(count: Int) { slots = Mutex([InputAnalysis](repeating: InputAnalysis(), count: count)) }
    func set(_ i: Int, _ value: InputAnalysis) { slots.withLock { $0[i] = value } }
    func get(_ i: Int) -> InputAnalysis { slots.withLock { $0[i] } }
}
