import CLVLinearAlgebra
import CLVRandom

/// Draws the per-trial values of a scenario's inputs, a block of trials at a time
/// (docs/model.md "Trials and the two kinds of uncertainty", docs/analysis.md for Latin hypercube and
/// correlations).
///
/// Input i of trial t is `quantile_i(u)` with u from the stream (seed, t, hash of the input's
/// path); with Latin hypercube sampling u is moved into the trial's stratum; correlated inputs
/// use u = Φ(z) with z = L·Φ⁻¹(u) over the correlated inputs (a Gaussian copula), computed for
/// the whole block with one matrix product (dgemm). A trial's row in the block is its offset
/// from the block's first trial index `b · blockSize`, however a run or a shard is split, so a
/// trial's values never depend on which other trials share its block.
///
/// - Complexity: O(inputs + m²) per trial, m the number of correlated inputs.
struct InputSampler {
    let model: SimulationModel
    let seed: UInt64
    let hypercube: LatinHypercube?
    /// Drawn inputs of the block's trials: row r holds trial `blockStart + r`, input order.
    private(set) var values: [Double]
    /// The uniform u behind each drawn value (value = quantile(u)), NaN for fixed inputs; a
    /// strategy's `set` takes its value at the same u.
    private(set) var uniforms: [Double]
    /// Normal scores of the correlated inputs (blockSize × m), and the correlated scores.
    private var scores: Matrix
    private var correlatedScores: Matrix
    /// For each input, its column among the correlated inputs, or −1.
    private let correlatedColumn: [Int]
    /// For each input, its position among the uncertain inputs, or −1.
    private let uncertainPosition: [Int]

    init(model: SimulationModel, seed: UInt64, hypercube: LatinHypercube?) {
        self.model = model
        self.seed = seed
        self.hypercube = hypercube
        let count = model.layout.inputs.count
        values = [Double](repeating: 0, count: Simulation.blockSize * count)
        uniforms = [Double](repeating: .nan, count: Simulation.blockSize * count)
        let correlated = model.correlation?.inputs ?? []
        scores = Matrix(rows: correlated.isEmpty ? 0 : Simulation.blockSize, columns: correlated.count)
        correlatedScores = scores
        var columnOfInput = [Int](repeating: -1, count: count)
        for (c, i) in correlated.enumerated() { columnOfInput[i] = c }
        correlatedColumn = columnOfInput
        var position = [Int](repeating: -1, count: count)
        for (k, i) in model.uncertainInputs.enumerated() { position[i] = k }
        uncertainPosition = position
    }

    /// The drawn inputs of `trial` after `draw(_:blockStart:)` of its block, in input order.
    func inputs(of trial: Int, blockStart: Int) -> ArraySlice<Double> {
        let count = model.layout.inputs.count
        let row = trial - blockStart
        return values[row * count..<(row + 1) * count]
    }

    /// The uniforms of `trial`'s inputs after `draw(_:blockStart:)` of its block (NaN for fixed
    /// inputs), in input order.
    func uniforms(of trial: Int, blockStart: Int) -> ArraySlice<Double> {
        let count = model.layout.inputs.count
        let row = trial - blockStart
        return uniforms[row * count..<(row + 1) * count]
    }

    /// Draws the inputs of the trials in `range`, all inside the block that starts at `blockStart`.
    mutating func draw(_ range: Range<Int>, blockStart: Int) {
        let count = model.layout.inputs.count
        let correlated = model.correlation != nil
        if correlated {
            for i in scores.elements.indices { scores.elements[i] = 0 }
        }
        for trial in range {
            let row = trial - blockStart
            for i in 0..<count {
                let quantile = model.quantiles[i]
                if case .fixed(let value) = quantile {
                    values[row * count + i] = value
                    continue
                }
                var rng = RandomStream(seed: seed, trial: trial, purpose: .input, key: model.inputKeys[i])
                var u = rng.nextOpenUnit()
                if let hypercube { u = hypercube.uniform(input: uncertainPosition[i], trial: trial, draw: u) }
                if correlated, correlatedColumn[i] >= 0 {
                    scores[row, correlatedColumn[i]] = SpecialFunctions.normalQuantile(u)
                } else {
                    values[row * count + i] = quantile.value(u)
                    uniforms[row * count + i] = u
                }
            }
        }
        guard let correlation = model.correlation else { return }
        do {
            try BLAS.gemm(scores, correlation.factor, transposeB: true, into: &correlatedScores)
        } catch {
            return  // Shapes are fixed by construction.
        }
        for trial in range {
            let row = trial - blockStart
            for (c, i) in correlation.inputs.enumerated() {
                // Keep u inside (0, 1) so that unbounded quantiles stay finite.
                let u = min(max(SpecialFunctions.normalCDF(correlatedScores[row, c]), 0x1p-60), 1 - 0x1p-53)
                values[row * count + i] = model.quantiles[i].value(u)
                uniforms[row * count + i] = u
            }
        }
    }
}
