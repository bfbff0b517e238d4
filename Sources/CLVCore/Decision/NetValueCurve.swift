import CLVRandom

/// A strategy's net value as a function of the size of one of its changes, evaluated on demand
/// and remembered: the curve a break-even search walks along (`BreakEven`).
///
/// Size x means `add x` for an `add` change and `multiply 1 + x` for a `multiply` change. Each
/// evaluation runs the scenario with only the strategy, its change replaced by the fixed size,
/// through `ScenarioRun.perform` with the same options (same seed, same trials).
///
/// - Complexity: one run per new size; a size evaluated before costs O(log E).
final class NetValueCurve {
    let base: Scenario
    let strategy: Strategy
    let changeIndex: Int
    let operation: BreakEven.Operation
    let currentSize: Double
    let options: SimulationOptions
    let isCancelled: (@Sendable () -> Bool)?
    let evaluated: ((Int) -> Void)?
    private var cache: [UInt64: BreakEven.Evaluation] = [:]

    /// Doublings of the size (or halvings of its distance to −1) searched beyond x₀.
    static let expansions = 12
    /// The most runs a refinement may take.
    static let refinements = 40

    var changeTarget: String { strategy.changes[changeIndex].target }

    /// Every size evaluated so far, in increasing order.
    var evaluations: [BreakEven.Evaluation] { cache.values.sorted { $0.size < $1.size } }

    init(scenario: Scenario, strategy name: String, change index: Int, probability: Double?,
         options: SimulationOptions, isCancelled: (@Sendable () -> Bool)?,
         evaluated: ((Int) -> Void)?) throws(BreakEvenError) {
        guard let strategy = scenario.strategies.first(where: { $0.name == name }) else {
            let names = scenario.strategies.map(\.name)
            throw .unknownStrategy(name, hint: KeySuggestion.hint(
                for: name, among: names,
                otherwise: names.isEmpty ? "the scenario has no strategies" : "the strategies are \(KeySuggestion.quotedList(names))"))
        }
        guard strategy.changes.indices.contains(index) else {
            throw .changeOutOfRange(index, count: strategy.changes.count, strategy: name)
        }
        if let probability, !(probability > 0 && probability < 1) { throw .probabilityOutOfRange(probability) }
        let change = strategy.changes[index]
        switch change.operation {
        case .set: throw .notScalable(strategy: name, change: index, target: change.target)
        // An uncertain amount starts the search from its mean; every size searched is fixed.
        case .add(let x): (operation, currentSize) = (.add, x.mean)
        case .multiply(let f): (operation, currentSize) = (.multiply, f.mean - 1)
        }
        guard currentSize != 0, currentSize.isFinite else {
            throw .zeroSize(strategy: name, change: index, target: change.target)
        }
        base = scenario
        self.strategy = strategy
        changeIndex = index
        var options = options
        options.extraDiscountRates = []
        options.seriesTrials = 0
        options.firstTrial = 0
        options.wholeRunTrials = nil
        self.options = options
        self.isCancelled = isCancelled
        self.evaluated = evaluated
    }

    /// The scenario with only the strategy, change I at size `x`.
    func scenario(at x: Double) -> Scenario {
        var scaled = strategy
        scaled.changes[changeIndex].operation = operation == .add ? .add(.fixed(x)) : .multiply(.fixed(1 + x))
        var scenario = base
        scenario.strategies = [scaled]
        return scenario
    }

    /// The run at size `x`.
    func callAsFunction(_ x: Double) throws(BreakEvenError) -> BreakEven.Evaluation {
        let key = (x == 0 ? 0 : x).bitPattern
        if let known = cache[key] { return known }
        let output: ScenarioRun.Output
        do {
            output = try ScenarioRun.perform(RunRequest(scenario: scenario(at: x), options: options), isCancelled: isCancelled)
        } catch {
            throw .simulation(error)
        }
        guard let summary = output.summary, let strategy = summary.strategies.first, let net = strategy.netValue,
              net.undefined == 0 else {
            throw .simulation(.invalid("the net value of strategy '\(self.strategy.name)' at size \(x) is not a finite number in every trial"))
        }
        let evaluation = BreakEven.Evaluation(size: x, meanNetValue: net.mean, standardError: net.standardError,
                                              shareNetPositive: strategy.probabilityNetPositive)
        cache[key] = evaluation
        evaluated?(cache.count)
        return evaluation
    }

    /// The sizes searched for a bracket, from 0 outwards in the direction of x₀: 0, x₀, 2x₀, …,
    /// 2¹²·x₀; for a `multiply` below 1, 0, x₀ and then sizes halving their distance to −1
    /// (a factor halving towards 0).
    var ladder: [Double] {
        var sizes = [0.0, currentSize]
        for k in 1...Self.expansions {
            if operation == .multiply && currentSize < 0 {
                sizes.append(-1 + (1 + currentSize) / Double(1 << k))
            } else {
                sizes.append(currentSize * Double(1 << k))
            }
        }
        return sizes
    }

    /// Where h changes sign along the ladder: an exact root, or a bracket [a, b] (as evaluations,
    /// a nearer 0), or why there is none.
    enum Bracket {
        case root(BreakEven.Evaluation)
        case between(BreakEven.Evaluation, BreakEven.Evaluation)
        case none(String)
    }

    /// - Parameters:
    ///   - what: the quantity, for the reason ("the expected net value").
    ///   - threshold: the break-even level of the quantity, as the reason says it ("0", "90%").
    func bracket(_ h: (BreakEven.Evaluation) -> Double, what: String, threshold: String) throws(BreakEvenError) -> Bracket {
        let sizes = ladder
        let first = try self(sizes[0])
        if h(first) == 0 { return .root(first) }
        let above = h(first) > 0
        let start = above
            ? "\(what) is above \(threshold) already at size 0 (the strategy's other changes pay for its cost) and stays above it"
            : "\(what) stays below \(threshold)"
        var previous = first
        for x in sizes.dropFirst() {
            let next = try self(x)
            if h(next) == 0 { return .root(next) }
            if (h(next) > 0) != above { return .between(previous, next) }
            if next.meanNetValue == previous.meanNetValue && next.shareNetPositive == previous.shareNetPositive && previous.size != 0 {
                return .none("\(start) up to size \(NumberText.short(previous.size)), beyond which it stops changing (the changed input reaches the edge of its domain)")
            }
            previous = next
        }
        return .none("\(start) for every size from 0 to \(NumberText.short(previous.size)) searched")
    }

    /// The root of the mean net value, with its delta-method interval.
    func meanRoot() throws(BreakEvenError) -> (estimate: BreakEven.Estimate?, reason: String?) {
        switch try bracket({ $0.meanNetValue }, what: "the expected net value", threshold: "0") {
        case .none(let reason): return (nil, reason)
        case .root(let e):
            return (BreakEven.Estimate(size: e.size, standardError: try meanStandardError(at: e, width: abs(currentSize))), nil)
        case .between(let first, let second):
            var (a, b) = (first, second)
            var (fa, fb) = (a.meanNetValue, b.meanNetValue)
            let width = abs(b.size - a.size)
            var side = 0
            var best = abs(fa) < abs(fb) ? a : b
            var lastSize = Double.nan
            for _ in 0..<Self.refinements {
                let x = (a.size * fb - b.size * fa) / (fb - fa)
                guard x.isFinite, x != a.size, x != b.size else { break }
                let c = try self(x)
                let fc = c.meanNetValue
                if abs(fc) <= abs(best.meanNetValue) { best = c }
                let slope = abs((b.meanNetValue - a.meanNetValue) / (b.size - a.size))
                let tolerance = max(0.05 * c.standardError / max(slope, .leastNormalMagnitude), 1e-12 * width)
                if fc == 0 || abs(fc) <= 0.05 * c.standardError || abs(x - lastSize) <= tolerance { break }
                lastSize = x
                if (fc > 0) == (fb > 0) {
                    b = c
                    fb = fc
                    if side == -1 { fa /= 2 }
                    side = -1
                } else {
                    a = c
                    fa = fc
                    if side == 1 { fb /= 2 }
                    side = 1
                }
            }
            return (BreakEven.Estimate(size: best.size, standardError: try meanStandardError(at: best, width: width)), nil)
        }
    }

    /// SE(m̂(x*)) / |m′(x*)|, m′ a central difference over 5% of `width` (one-sided at the edge of
    /// a `multiply`'s domain).
    func meanStandardError(at e: BreakEven.Evaluation, width: Double) throws(BreakEvenError) -> Double {
        let h = 0.05 * width
        let lower = operation == .multiply ? max(e.size - h, -1 + 0.5 * (1 + e.size)) : e.size - h
        let (left, right) = (try self(lower), try self(e.size + h))
        let slope = (right.meanNetValue - left.meanNetValue) / (right.size - left.size)
        guard slope != 0, slope.isFinite else { return .infinity }
        return e.standardError / abs(slope)
    }

    /// The size at which the share of trials with net value > 0 reaches `p`, by bisection.
    func shareRoot(_ p: Double) throws(BreakEvenError) -> (estimate: BreakEven.Estimate?, reason: String?) {
        let trials = Double(options.trials)
        let h: (BreakEven.Evaluation) -> Double = { $0.shareNetPositive - p }
        switch try bracket(h, what: "the share of trials with net value > 0", threshold: "\(NumberText.short(p * 100))%") {
        case .none(let reason): return (nil, reason)
        case .root(let e):
            return (BreakEven.Estimate(size: e.size, standardError: try shareStandardError(at: e.size, p: p, width: abs(currentSize))), nil)
        case .between(let first, let second):
            var (a, b) = (first, second)
            let width = abs(b.size - a.size)
            let secant = abs((b.shareNetPositive - a.shareNetPositive) / (b.size - a.size))
            let binomial = (p * (1 - p) / trials).squareRoot()
            let tolerance = max(0.05 * binomial / max(secant, .leastNormalMagnitude), 1e-12 * width)
            for _ in 0..<Self.refinements {
                guard abs(b.size - a.size) > tolerance,
                      abs(b.shareNetPositive - a.shareNetPositive) > 1.5 / trials else { break }
                let c = try self((a.size + b.size) / 2)
                if h(c) == 0 { (a, b) = (c, c); break }
                if (h(c) > 0) == (h(a) > 0) { a = c } else { b = c }
            }
            // Linear interpolation of the share between the bracket's ends.
            let (ha, hb) = (h(a), h(b))
            let x = ha == hb ? (a.size + b.size) / 2 : a.size + (b.size - a.size) * ha / (ha - hb)
            return (BreakEven.Estimate(size: x, standardError: try shareStandardError(at: x, p: p, width: width)), nil)
        }
    }

    /// √(p(1 − p)/T) / |s′(x)|, s′ a central difference widened (from 5% of `width`, doubling)
    /// until the share changes by at least ten trials, or over the whole width.
    func shareStandardError(at x: Double, p: Double, width: Double) throws(BreakEvenError) -> Double {
        let trials = Double(options.trials)
        var h = 0.05 * width
        var slope = 0.0
        while true {
            let lower = operation == .multiply ? max(x - h, -1 + 0.5 * (1 + x)) : x - h
            let (left, right) = (try self(lower), try self(x + h))
            let change = right.shareNetPositive - left.shareNetPositive
            slope = change / (right.size - left.size)
            if abs(change) * trials >= 10 || h >= width { break }
            h *= 2
        }
        guard slope != 0, slope.isFinite else { return .infinity }
        return (p * (1 - p) / trials).squareRoot() / abs(slope)
    }
}
